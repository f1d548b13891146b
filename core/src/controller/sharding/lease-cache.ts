// This replica's view of the sharding Leases, kept by list + watch, with the
// moment (on this replica's monotonic clock) each Lease's current version was
// first seen. Expiry is judged from that moment (lease-records.ts), so the
// watch makes takeover prompt; a late or broken watch only delays takeover,
// because taking a Lease over is a write conditional on the version seen.
import { Watch, type KubeConfig, type V1Lease } from '@kubernetes/client-node';
import { LEASES_PATH, toLeaseObject, type LeaseApi } from './lease-api';
import { type LeaseObject, type ObservedLease } from './lease-records';

export interface LeaseCacheOptions {
  kubeConfig: KubeConfig;
  api: LeaseApi;
  labelSelector: string;
  clock: () => number;
  /** Wait before listing again after the watch ends or a list fails. */
  retryMs: number;
  onChange: () => void;
  onError: (message: string) => void;
}

export class LeaseCache {
  private readonly leases = new Map<string, ObservedLease>();
  private watch: AbortController | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: LeaseCacheOptions) {}

  /** The first list must succeed; later failures are retried. */
  async start(): Promise<void> {
    await this.listAndWatch();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.watch?.abort();
  }

  get(name: string): ObservedLease | undefined {
    return this.leases.get(name);
  }

  values(): IterableIterator<ObservedLease> {
    return this.leases.values();
  }

  /** Records a Lease this replica just wrote or read, ahead of its watch event. */
  observe(lease: LeaseObject): void {
    const known = this.leases.get(lease.metadata.name);
    if (known?.lease.metadata.resourceVersion === lease.metadata.resourceVersion) return;
    this.leases.set(lease.metadata.name, { lease, observedAt: this.options.clock() });
    this.options.onChange();
  }

  forget(name: string): void {
    if (this.leases.delete(name)) this.options.onChange();
  }

  private async listAndWatch(): Promise<void> {
    const { api, labelSelector, kubeConfig } = this.options;
    const { items, resourceVersion } = await api.list(labelSelector);
    if (this.stopped) return;
    const listed = new Set(items.map((lease) => lease.metadata.name));
    for (const name of [...this.leases.keys()]) if (!listed.has(name)) this.forget(name);
    for (const lease of items) this.observe(lease);
    this.watch = await new Watch(kubeConfig).watch(
      LEASES_PATH(api.namespace),
      { labelSelector, resourceVersion, allowWatchBookmarks: true },
      (phase, object) => this.onEvent(phase, object as V1Lease),
      (error) => this.restart(error),
    );
    if (this.stopped) this.watch.abort();
  }

  private onEvent(phase: string, object: V1Lease): void {
    if (phase === 'ADDED' || phase === 'MODIFIED') this.observe(toLeaseObject(object));
    else if (phase === 'DELETED') this.forget(object.metadata?.name ?? '');
    else if (phase === 'ERROR') this.watch?.abort(); // e.g. 410 Gone: the done callback lists again
  }

  private restart(error: unknown): void {
    if (this.stopped) return;
    if (error) this.options.onError(`Lease watch ended: ${describe(error)} — listing again`);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.listAndWatch().catch((listError: unknown) => this.restart(listError));
    }, this.options.retryMs);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
