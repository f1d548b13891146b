import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { KubeHttp } from '../../kube/kube-http';
import { ListWatch } from '../../kube/list-watch';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { appNamespaceFilter } from '../../projects/enforcement/app-namespace';
import { type ApplicationRow } from '../query/application-filter';
import { applicationRow } from '../query/application-row';

export interface IndexedApplication {
  application: Application;
  /** What list filters, facets and RBAC read, built when the Application changed. */
  row: ApplicationRow;
}

/**
 * The Applications the API lists, kept in memory by a list+watch (the
 * control-plane namespace, and those `application.namespaces` in
 * argocd-cmd-params-cm names, as the controller watches them): a list request
 * costs a filter over rows, not a read of every Application from the
 * Kubernetes API. Started by the first request. Reads that authorize a write
 * go to the API (ApplicationReader), never here: a watch may lag by a moment.
 */
@Injectable()
export class ApplicationIndex implements OnApplicationShutdown {
  private readonly logger = new Logger('application-index');
  private readonly entries = new Map<string, IndexedApplication>();
  /** Keys ordered by name, then namespace; rebuilt after an Application came or went. */
  private ordered: string[] | undefined;
  /** The ordered entries as of `listedAt` (the change count): reused until something changes. */
  private listed: IndexedApplication[] | undefined;
  private listedAt = -1;
  private readonly http: KubeHttp;
  private watch: ListWatch<Application> | undefined;
  private starting: Promise<void> | undefined;
  private version = 0;
  /** Subscriptions' change feed: told the key of every Application that came, changed or went. */
  private readonly changeListeners = new Set<(key: string) => void>();

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    private readonly settings: SettingsConfigMaps,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {
    this.http = new KubeHttp(cluster.kubeConfig, 30_000);
  }

  /** Every indexed Application ordered by name (then namespace), after the first list is in. Do not modify it. */
  async list(): Promise<readonly IndexedApplication[]> {
    await this.ready();
    if (this.listed && this.listedAt === this.version) return this.listed;
    this.ordered ??= [...this.entries.values()]
      .sort((a, b) => compareNames(a.row, b.row))
      .map((entry) => entry.row.key);
    this.listed = this.ordered.map((key) => this.entries.get(key)).filter((entry) => entry !== undefined);
    this.listedAt = this.version;
    return this.listed;
  }

  async get(namespace: string, name: string): Promise<IndexedApplication | undefined> {
    await this.ready();
    return this.entries.get(`${namespace}/${name}`);
  }

  /** Changes with every event: a cheap "has anything changed" for caches built on the index. */
  get changeCount(): number {
    return this.version;
  }

  /**
   * Calls `listener` with `<namespace>/<name>` of every Application that came,
   * changed or went (after a re-list: of every one before and after), until
   * the returned function is called. Synchronous: listeners must only queue.
   */
  onChange(listener: (key: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onApplicationShutdown(): void {
    this.watch?.stop();
  }

  private ready(): Promise<void> {
    this.starting ??= this.start().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    const params = await this.settings.data('argocd-cmd-params-cm');
    const appNamespaces = (params['application.namespaces'] ?? '')
      .split(',')
      .map((pattern) => pattern.trim())
      .filter(Boolean);
    const watched = appNamespaceFilter(this.config.namespace, appNamespaces);
    const path =
      appNamespaces.length > 0
        ? '/apis/argoproj.io/v1alpha1/applications'
        : `/apis/argoproj.io/v1alpha1/namespaces/${this.config.namespace}/applications`;
    const watch = new ListWatch<Application>(this.http, path, {
      replace: (apps) => {
        const before = [...this.entries.keys()];
        this.entries.clear();
        for (const app of apps) if (watched(app.metadata.namespace)) this.put(app);
        this.ordered = undefined;
        this.version += 1;
        this.changed(new Set([...before, ...this.entries.keys()]));
      },
      event: (type, app) => {
        if (!watched(app.metadata.namespace)) return;
        const key = `${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`;
        if (type === 'DELETED') {
          this.entries.delete(key);
          this.ordered = undefined;
        } else {
          if (!this.entries.has(key)) this.ordered = undefined;
          this.put(app);
        }
        this.version += 1;
        this.changed([key]);
      },
      failed: (error) => this.logger.warn(`watching Applications: ${error.message}`),
    });
    try {
      await watch.start();
    } catch (error) {
      watch.stop();
      throw error;
    }
    this.watch = watch;
  }

  private changed(keys: Iterable<string>): void {
    if (this.changeListeners.size === 0) return;
    for (const key of keys) for (const listener of this.changeListeners) listener(key);
  }

  private put(app: Application): void {
    const row = applicationRow(app);
    this.entries.set(row.key, { application: app, row });
  }
}

function compareNames(a: ApplicationRow, b: ApplicationRow): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
