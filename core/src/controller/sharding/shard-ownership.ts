// Which destination clusters this controller replica may reconcile. It wants
// what the assignment over live members gives it (shard-assignment.ts) and
// reconciles a cluster only while it holds that cluster's shard Lease, so two
// replicas never reconcile one cluster at once, even while they disagree about
// the members. README.md has the protocol and why it is safe.
import { Logger } from '@nestjs/common';
import { type KubeConfig } from '@kubernetes/client-node';
import { HeldShard, type HeldShardDeps } from './held-shard';
import { LeaseApi, isConflict, isNotFound } from './lease-api';
import { LeaseCache } from './lease-cache';
import { LeaseMembership } from './lease-membership';
import {
  HEARTBEATS_PER_LEASE,
  SERVER_ANNOTATION,
  SHARDING_LEASE_SELECTOR,
  expiresAt,
  holderOf,
  shardLeaseName,
  type LeaseObject,
} from './lease-records';
import { assignShards, sortMembers, type ShardCluster } from './shard-assignment';

/**
 * Why a cluster is given up: `reassigned` (another live member should own it),
 * `removed` (no longer in `setClusters`), `expired` (no renewal in time — the API
 * server was unreachable), `lost` (another replica holds the Lease: only after
 * `expired`), `stopping` (graceful stop).
 */
export type ReleaseReason = 'reassigned' | 'removed' | 'expired' | 'lost' | 'stopping';

export interface ShardLogger {
  warn(message: string): void;
  debug?(message: string): void;
}

export interface ShardOwnershipOptions {
  kubeConfig: KubeConfig;
  /** The control-plane namespace; the Leases live there. */
  namespace: string;
  /** Unique among live replicas and stable for the process: the pod name. */
  identity: string;
  /** Default 10 s; a Lease lasts 3 heartbeats. Sub-second values are for tests. */
  heartbeatMs?: number;
  /** Called once the shard Lease is held: the replica may start reconciling `server`. */
  onAcquire?: (server: string) => void | Promise<void>;
  /**
   * Awaited before the Lease is given up (the Lease is renewed meanwhile):
   * resolve once no reconcile of `server` runs any more. `owns(server)` is
   * already false. For `expired` and `lost` the deadline has passed: stop at once.
   */
  onRelease?: (server: string, reason: ReleaseReason) => void | Promise<void>;
  /** The owned servers, whenever they change. */
  onChange?: (owned: readonly string[]) => void;
  logger?: ShardLogger;
  /** Monotonic milliseconds; tests may replace it. */
  clock?: () => number;
}

export const DEFAULT_HEARTBEAT_MS = 10_000;
const SWEEP_EVERY_HEARTBEATS = 10;

type Phase = 'idle' | 'running' | 'stopping' | 'stopped';

export class ShardOwnership {
  private readonly logger: ShardLogger;
  private readonly clock: () => number;
  private readonly heartbeatMs: number;
  private readonly durationMs: number;
  private readonly cache: LeaseCache;
  private readonly membership: LeaseMembership;
  private readonly shardDeps: HeldShardDeps;
  private readonly held = new Map<string, HeldShard>();
  private readonly releases = new Map<HeldShard, Promise<void>>();
  private readonly acquiring = new Map<string, Promise<void>>();
  /** After a failed acquisition, not again before this instant: a cut-off replica must not spin. */
  private readonly retryAt = new Map<string, number>();
  private clusters: (string | ShardCluster)[] = [];
  private clusterServers: Set<string> | undefined;
  private assignment = { key: '', wanted: new Set<string>(), problems: '' };
  private phase: Phase = 'idle';
  private stopping: Promise<void> | undefined;
  private heartbeats = 0;
  private memberBeat: Promise<void> | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private reconcileQueued = false;
  private lastOwned = '';

  constructor(private readonly options: ShardOwnershipOptions) {
    this.logger = options.logger ?? new Logger(ShardOwnership.name);
    this.clock = options.clock ?? (() => performance.now());
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    if (!(this.heartbeatMs >= 50)) throw new Error(`heartbeatMs must be at least 50, got ${this.heartbeatMs}`);
    this.durationMs = HEARTBEATS_PER_LEASE * this.heartbeatMs;
    const onError = (message: string) => this.logger.warn(message);
    // Bounded so a hung call cannot wedge the loop; never below 1 s, so a busy API server is not cut short.
    const api = new LeaseApi(options.kubeConfig, options.namespace, Math.max(this.durationMs, 1000));
    const clock = this.clock;
    this.cache = new LeaseCache({
      kubeConfig: options.kubeConfig,
      api,
      labelSelector: SHARDING_LEASE_SELECTOR,
      clock,
      retryMs: Math.min(this.heartbeatMs, 1000),
      onChange: () => this.scheduleReconcile(),
      onError,
    });
    const { identity } = options;
    this.membership = new LeaseMembership({
      api,
      cache: this.cache,
      identity,
      durationMs: this.durationMs,
      clock,
      onError,
    });
    this.shardDeps = { api, identity, durationMs: this.durationMs, marginMs: this.heartbeatMs, clock };
  }

  /** The destination clusters to share out; may be called any time, before or after `start`. */
  setClusters(clusters: Iterable<string | ShardCluster>): void {
    this.clusters = [...clusters];
    this.clusterServers = new Set(
      this.clusters.map((cluster) => (typeof cluster === 'string' ? cluster : cluster.server)),
    );
    this.assignment.key = '';
    this.scheduleReconcile();
  }

  /** Whether this replica may reconcile `server` now: holds its Lease, short of the deadline. */
  owns(server: string): boolean {
    return this.held.get(server)?.ownedAt(this.clock()) ?? false;
  }

  ownedServers(): string[] {
    const now = this.clock();
    return [...this.held.values()]
      .filter((shard) => shard.ownedAt(now))
      .map((shard) => shard.server)
      .sort();
  }

  /** Live members as this replica sees them, in pinned-shard order. */
  members(): string[] {
    return sortMembers(this.membership.liveMembers(this.clock()));
  }

  /** Lists the Leases (fails when the API server does not answer), joins, and starts the heartbeat. */
  async start(): Promise<void> {
    if (this.phase !== 'idle') throw new Error(`ShardOwnership ${this.options.identity} was started already`);
    this.phase = 'running';
    try {
      await this.cache.start();
    } catch (error) {
      this.phase = 'idle'; // nothing was written: start may be tried again
      throw error;
    }
    await this.membership.heartbeat();
    this.heartbeat();
  }

  /**
   * Graceful (default): leaves the membership, releases every cluster (awaiting
   * onRelease) so the others take over at once. `graceful: false` stops
   * everything without another write, as if the process died (tests).
   */
  stop(options: { graceful?: boolean } = {}): Promise<void> {
    if (options.graceful === false || this.phase === 'idle') {
      this.halt();
      return Promise.resolve();
    }
    this.stopping ??= this.leave();
    return this.stopping;
  }

  private async leave(): Promise<void> {
    if (this.phase !== 'running') return;
    this.phase = 'stopping';
    clearTimeout(this.wakeTimer);
    await Promise.allSettled(this.acquiring.values());
    await this.membership.leave();
    // The heartbeat keeps renewing what is held until each onRelease is done.
    while (this.held.size > 0 && this.phase === 'stopping')
      await Promise.allSettled([...this.held.values()].map((shard) => this.release(shard, 'stopping')));
    this.halt();
  }

  private halt(): void {
    this.phase = 'stopped';
    clearTimeout(this.heartbeatTimer);
    clearTimeout(this.wakeTimer);
    this.cache.stop();
  }

  private heartbeat = (): void => {
    if (this.phase !== 'running' && this.phase !== 'stopping') return;
    const renewals = [...this.held.values()].map(async (shard) => {
      if ((await shard.renew()) === 'lost') await this.release(shard, 'lost');
    });
    if (this.phase === 'running' && !this.memberBeat) {
      this.memberBeat = this.membership.heartbeat().finally(() => (this.memberBeat = undefined));
    }
    if (this.phase === 'running' && ++this.heartbeats % SWEEP_EVERY_HEARTBEATS === 0) renewals.push(this.sweep());
    void Promise.allSettled(renewals).then(() => this.scheduleReconcile());
    this.heartbeatTimer = setTimeout(this.heartbeat, this.heartbeatMs);
  };

  private scheduleReconcile(): void {
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    setImmediate(() => {
      this.reconcileQueued = false;
      this.reconcile();
    });
  }

  private reconcile(): void {
    if (this.phase !== 'running' && this.phase !== 'stopping') return;
    const now = this.clock();
    // The fence: past its deadline a shard is given up, whatever the API server says.
    for (const shard of this.held.values())
      if (shard.state === 'owned' && now >= shard.validUntil) void this.release(shard, 'expired');
    this.notifyChange();
    if (this.phase !== 'running') return;
    const wanted = this.wantedServers(now);
    for (const shard of this.held.values()) {
      if (shard.state !== 'owned' || wanted.has(shard.server)) continue;
      void this.release(shard, this.clusterServers?.has(shard.server) === false ? 'removed' : 'reassigned');
    }
    let wake = this.membership.nextExpiry(now);
    for (const server of wanted) {
      if (this.held.has(server) || this.acquiring.has(server)) continue;
      const observed = this.cache.get(shardLeaseName(server));
      // A Lease held under this identity but not in `held` is a previous run's: it waits like anyone's.
      const expiry = observed && holderOf(observed.lease) !== '' ? expiresAt(observed, this.durationMs) : now;
      const ready = Math.max(expiry, this.retryAt.get(server) ?? 0);
      if (now >= ready) this.acquire(server, observed?.lease);
      else wake = Math.min(wake, ready);
    }
    for (const shard of this.held.values()) if (shard.state === 'owned') wake = Math.min(wake, shard.validUntil);
    this.wakeAt(wake, now);
  }

  private wantedServers(now: number): Set<string> {
    const members = sortMembers(this.membership.liveMembers(now));
    const key = members.join('\n');
    if (key === this.assignment.key) return this.assignment.wanted;
    this.logger.debug?.(`${this.options.identity} sees members ${members.join(', ')}`);
    const { owners, problems } = assignShards(members, this.clusters);
    const wanted = new Set<string>();
    for (const [server, owner] of owners) if (owner === this.options.identity) wanted.add(server);
    const problemText = problems.join('\n');
    if (problemText !== '' && problemText !== this.assignment.problems)
      for (const line of problems) this.logger.warn(line);
    this.assignment = { key, wanted, problems: problemText };
    return wanted;
  }

  private wakeAt(at: number, now: number): void {
    clearTimeout(this.wakeTimer);
    if (at === Infinity) return;
    // +1 ms: timers may fire a little before the monotonic clock reaches `at`. Through setImmediate, so
    // after a stall the watch events already received are read before anything is judged expired.
    this.wakeTimer = setTimeout(() => this.scheduleReconcile(), Math.max(0, at - now) + 1);
  }

  /** Creates the Lease, or takes `existing` over at the version seen (it has expired as seen here). */
  private acquire(server: string, existing: LeaseObject | undefined): void {
    this.retryAt.delete(server);
    const attempt = HeldShard.acquire(server, existing, this.shardDeps)
      .then((shard) => this.adopt(shard))
      .catch(async (error: unknown) => {
        if (!isConflict(error) && !isNotFound(error)) {
          this.logger.warn(`cannot acquire the shard Lease of ${server}: ${describe(error)}`);
          this.retryAt.set(server, this.clock() + this.heartbeatMs);
        } else this.logger.debug?.(`${this.options.identity} lost the race for ${server}`);
        // Another replica wrote first, or the watch lags: read what is there so the next try uses it.
        await this.refresh(server);
      })
      .finally(() => {
        this.acquiring.delete(server);
        this.scheduleReconcile();
      });
    this.acquiring.set(server, attempt);
  }

  private adopt(shard: HeldShard): void {
    if (this.phase === 'stopped') return; // died meanwhile: a dead process does nothing more
    if (this.phase === 'stopping') {
      void shard.release().catch(() => undefined); // never started work on it
      return;
    }
    this.held.set(shard.server, shard);
    this.cache.observe(shard.current);
    shard.hooks = shard.hooks.then(() => this.callHook('onAcquire', shard.server));
    this.notifyChange();
  }

  private async refresh(server: string): Promise<void> {
    const name = shardLeaseName(server);
    const current = await this.shardDeps.api.read(name).catch(() => null);
    if (current === undefined) this.cache.forget(name);
    else if (current !== null) this.cache.observe(current);
  }

  /** Stops work (onRelease), then deletes the Lease at the version this replica wrote. Once per shard. */
  private release(shard: HeldShard, reason: ReleaseReason): Promise<void> {
    const running = this.releases.get(shard);
    if (running) return running;
    shard.state = 'releasing';
    this.notifyChange();
    const released = (async () => {
      try {
        if (reason === 'lost') this.forgetHeld(shard);
        await (shard.hooks = shard.hooks.then(() => this.callHook('onRelease', shard.server, reason)));
        // Halted: a dead process writes nothing. Lost: the Lease is someone else's now.
        if (this.phase === 'stopped' || reason === 'lost') return;
        await shard.release().catch((error: unknown) => this.releaseFailed(shard, reason, error));
      } finally {
        this.forgetHeld(shard);
        this.scheduleReconcile();
      }
    })();
    this.releases.set(shard, released);
    return released;
  }

  private releaseFailed(shard: HeldShard, reason: ReleaseReason, error: unknown): void {
    // After `expired` the API server was not answering anyway; a conflict means another replica took over.
    if (reason === 'expired' || isConflict(error)) return;
    this.logger.warn(`cannot delete the shard Lease of ${shard.server}: ${describe(error)} — it expires by itself`);
  }

  private forgetHeld(shard: HeldShard): void {
    if (this.held.get(shard.server) === shard) this.held.delete(shard.server);
    this.releases.delete(shard);
  }

  /** Deletes long-expired Leases of dead members and of clusters no longer listed, at the version seen. */
  private async sweep(): Promise<void> {
    const now = this.clock();
    await this.membership.sweep(now);
    if (!this.clusterServers) return;
    for (const observed of [...this.cache.values()]) {
      const { annotations, name, resourceVersion } = observed.lease.metadata;
      const server = annotations?.[SERVER_ANNOTATION];
      if (server === undefined || this.clusterServers.has(server) || !resourceVersion) continue;
      if (now < expiresAt(observed, this.durationMs) + this.durationMs) continue;
      await this.shardDeps.api.delete(name, resourceVersion).catch(() => undefined);
    }
  }

  private async callHook(hook: 'onAcquire' | 'onRelease', server: string, reason?: ReleaseReason): Promise<void> {
    if (this.phase === 'stopped') return; // halted without a graceful stop: a dead process runs no hooks
    try {
      if (hook === 'onAcquire') await this.options.onAcquire?.(server);
      else await this.options.onRelease?.(server, reason ?? 'stopping');
    } catch (error) {
      this.logger.warn(`${hook}(${server}) of ${this.options.identity} failed: ${describe(error)}`);
    }
  }

  private notifyChange(): void {
    if (!this.options.onChange) return;
    const owned = this.ownedServers();
    const key = owned.join('\n');
    if (key === this.lastOwned) return;
    this.lastOwned = key;
    this.options.onChange(owned);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
