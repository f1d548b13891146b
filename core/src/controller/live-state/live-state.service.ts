import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { ClusterRegistry } from '../../clusters/cluster-registry.service';
import { KubeHttp } from '../../kube/kube-http';
import { type TrackingSettings } from './cached-object';
import { ClusterCache, type LiveChange } from './cluster-cache';
import { resourceFilterFrom } from './resource-filter';

export interface LiveStateSettings {
  argocdCm: Record<string, string>;
  tracking: TrackingSettings;
}

interface Entry {
  cluster: ClusterDefinition;
  signature: string;
  cache: ClusterCache;
  ready: Promise<ClusterCache>;
  failedAt?: number;
}

/** A failed cluster is tried again after this long, so a down cluster does not slow every refresh. */
const RETRY_AFTER_MS = 10_000;

/**
 * One ClusterCache per destination cluster this controller reconciles,
 * started on first use, rebuilt when the cluster's Secret or the settings it
 * depends on (tracking method, resource exclusions/inclusions) change, and
 * stopped when its cluster goes away.
 */
@Injectable()
export class LiveStateService implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveStateService.name);
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(change: LiveChange) => void>();
  private readonly ownedListeners = new Set<(uids: readonly string[]) => void>();
  private readonly untrackedListeners = new Set<(server: string, namespace: string) => void>();

  constructor(private readonly clusters: ClusterRegistry) {
    clusters.onChange((known) => {
      const servers = new Set(known.map((cluster) => cluster.server));
      for (const [server, entry] of this.entries) {
        const current = known.find((cluster) => cluster.server === server);
        if (!servers.has(server) || current !== entry.cluster) this.drop(server);
      }
    });
  }

  /** The cache of a cluster, listed and watching; rejects while the cluster cannot be read. */
  cacheFor(cluster: ClusterDefinition, settings: LiveStateSettings): Promise<ClusterCache> {
    const signature = JSON.stringify([
      settings.tracking,
      settings.argocdCm['resource.exclusions'] ?? null,
      settings.argocdCm['resource.inclusions'] ?? null,
    ]);
    const existing = this.entries.get(cluster.server);
    if (existing && existing.cluster === cluster && existing.signature === signature) {
      if (existing.failedAt === undefined || Date.now() - existing.failedAt < RETRY_AFTER_MS) return existing.ready;
    }
    if (existing) this.drop(cluster.server);
    const cache = new ClusterCache({
      server: cluster.server,
      http: new KubeHttp(this.clusters.kubeConfig(cluster)),
      filter: resourceFilterFrom(settings.argocdCm),
      tracking: settings.tracking,
      namespaces: cluster.namespaces,
      clusterResources: cluster.clusterResources || cluster.namespaces.length === 0,
      onChange: (change) => {
        for (const listener of this.listeners) listener(change);
      },
      onOwnedChange: (uids) => {
        for (const listener of this.ownedListeners) listener(uids);
      },
      onUntrackedChange: (namespace) => {
        for (const listener of this.untrackedListeners) listener(cluster.server, namespace);
      },
      onProblem: (message) => this.logger.warn(`cluster ${cluster.name}: ${message}`),
    });
    const entry: Entry = { cluster, signature, cache, ready: cache.start().then(() => cache) };
    entry.ready.catch(() => {
      entry.failedAt = Date.now();
      cache.stop();
    });
    this.entries.set(cluster.server, entry);
    return entry.ready;
  }

  caches(): ClusterCache[] {
    return [...this.entries.values()].filter((entry) => entry.failedAt === undefined).map((entry) => entry.cache);
  }

  onChange(listener: (change: LiveChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes of owned objects (ClusterCacheOptions.onOwnedChange), on every cluster. */
  onOwnedChange(listener: (uids: readonly string[]) => void): () => void {
    this.ownedListeners.add(listener);
    return () => this.ownedListeners.delete(listener);
  }

  /** An untracked top-level object came or went (ClusterCacheOptions.onUntrackedChange), on every cluster. */
  onUntrackedChange(listener: (server: string, namespace: string) => void): () => void {
    this.untrackedListeners.add(listener);
    return () => this.untrackedListeners.delete(listener);
  }

  /** Stops watching a cluster (it left this replica's shards, or its Secret changed). */
  drop(server: string): void {
    this.entries.get(server)?.cache.stop();
    this.entries.delete(server);
  }

  /** After the workers that read the caches stopped (they stop in onModuleDestroy). */
  onApplicationShutdown(): void {
    for (const server of [...this.entries.keys()]) this.drop(server);
  }
}
