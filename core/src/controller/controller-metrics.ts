import { Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { type ApplicationStore } from './application-store';
import { type LiveStateService } from './live-state/live-state.service';
import { type RefreshResult } from './refresh/app-refresher';
import { type QueueDepth } from './queue/wake-queue';

/**
 * The controller's metrics under Argo CD's names and labels, so existing
 * dashboards and alerts work (argocd_app_info, argocd_app_reconcile,
 * argocd_app_condition, argocd_cluster_*), plus Driftless's own.
 */
@Injectable()
export class ControllerMetrics {
  private readonly reconcile: Histogram<'namespace' | 'dest_server'>;
  private readonly refreshes: Counter<'work'>;
  private readonly liveChanges: Counter<'change'>;
  private readonly syncs: Counter<'namespace' | 'name' | 'project' | 'dest_server' | 'phase' | 'dry_run'>;
  private sources: { store: ApplicationStore; live: LiveStateService; queue: QueueDepth } | undefined;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.reconcile = new Histogram({
      name: 'argocd_app_reconcile',
      help: 'Application reconciliation performance in seconds',
      labelNames: ['namespace', 'dest_server'],
      buckets: [0.25, 0.5, 1, 2, 4, 8, 16],
      registers,
    });
    this.refreshes = new Counter({
      name: 'driftless_app_refresh_total',
      help: 'Application refreshes by what they had to do (reused, health, compared, invalid, error)',
      labelNames: ['work'],
      registers,
    });
    this.liveChanges = new Counter({
      name: 'driftless_live_changes_total',
      help: 'Changes of tracked live objects, by whether their spec or only their status changed',
      labelNames: ['change'],
      registers,
    });
    this.syncs = new Counter({
      name: 'argocd_app_sync_total',
      help: 'Number of application syncs.',
      labelNames: ['namespace', 'name', 'project', 'dest_server', 'phase', 'dry_run'],
      registers,
    });
    const sources = () => this.sources;
    new Gauge({
      name: 'argocd_app_info',
      help: 'Information about application.',
      labelNames: [
        'namespace',
        'name',
        'project',
        'autosync_enabled',
        'repo',
        'dest_server',
        'dest_namespace',
        'sync_status',
        'health_status',
        'operation',
      ],
      registers,
      collect() {
        this.reset();
        for (const app of sources()?.store.all() ?? []) this.set(appInfoLabels(app), 1);
      },
    });
    new Gauge({
      name: 'argocd_app_condition',
      help: 'Report application conditions.',
      labelNames: ['namespace', 'name', 'project', 'condition'],
      registers,
      collect() {
        this.reset();
        for (const app of sources()?.store.all() ?? [])
          for (const condition of app.status?.conditions ?? [])
            this.inc({
              namespace: app.metadata.namespace ?? '',
              name: app.metadata.name ?? '',
              project: app.spec.project || 'default',
              condition: condition.type,
            });
      },
    });
    new Gauge({
      name: 'argocd_cluster_cache_age_seconds',
      help: 'Cluster cache age in seconds.',
      labelNames: ['server'],
      registers,
      collect() {
        this.reset();
        for (const cache of sources()?.live.caches() ?? [])
          this.set({ server: cache.server }, cache.lastSyncAt ? (Date.now() - cache.lastSyncAt) / 1000 : 0);
      },
    });
    new Gauge({
      name: 'argocd_cluster_api_resource_objects',
      help: 'Number of k8s resource objects in the cache.',
      labelNames: ['server'],
      registers,
      collect() {
        this.reset();
        for (const cache of sources()?.live.caches() ?? []) this.set({ server: cache.server }, cache.size);
      },
    });
    new Gauge({
      name: 'argocd_cluster_api_resources',
      help: 'Number of monitored kubernetes API resources.',
      labelNames: ['server'],
      registers,
      collect() {
        this.reset();
        for (const cache of sources()?.live.caches() ?? []) this.set({ server: cache.server }, cache.apiTypes().length);
      },
    });
    new Gauge({
      name: 'driftless_app_refresh_queue',
      help: 'Applications waiting for a refresh (state=waiting) or being refreshed (state=running)',
      labelNames: ['state'],
      registers,
      collect() {
        const queue = sources()?.queue;
        this.set({ state: 'waiting' }, queue?.waiting ?? 0);
        this.set({ state: 'running' }, queue?.running ?? 0);
      },
    });
  }

  watch(store: ApplicationStore, live: LiveStateService, queue: QueueDepth): void {
    this.sources = { store, live, queue };
  }

  /** An operation ended (Argo CD counts every sync by its final phase). */
  synced(app: Application, phase: string): void {
    this.syncs.inc({
      namespace: app.metadata.namespace ?? '',
      name: app.metadata.name ?? '',
      project: app.spec.project || 'default',
      dest_server: app.spec.destination.server ?? app.spec.destination.name ?? '',
      phase,
      dry_run: String(Boolean(app.status?.operationState?.operation.sync?.dryRun)),
    });
  }

  reconciled(app: Application, result: RefreshResult, seconds: number): void {
    this.reconcile.observe(
      {
        namespace: app.metadata.namespace ?? '',
        dest_server: app.spec.destination.server ?? app.spec.destination.name ?? '',
      },
      seconds,
    );
    this.refreshes.inc({ work: result.work });
  }

  liveChange(specChanged: boolean): void {
    this.liveChanges.inc({ change: specChanged ? 'spec' : 'status' });
  }
}

function appInfoLabels(app: Application): Record<string, string> {
  const source = app.spec.sources?.[0] ?? app.spec.source;
  return {
    namespace: app.metadata.namespace ?? '',
    name: app.metadata.name ?? '',
    project: app.spec.project || 'default',
    autosync_enabled: String(Boolean(app.spec.syncPolicy?.automated)),
    repo: source?.repoURL ?? '',
    dest_server: app.spec.destination.server ?? '',
    dest_namespace: app.spec.destination.namespace ?? '',
    sync_status: app.status?.sync?.status ?? '',
    health_status: app.status?.health?.status ?? '',
    operation: app.operation ? 'sync' : '',
  };
}
