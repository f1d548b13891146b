// One cluster's shard Lease while this replica holds it: the conditional
// writes that keep it, and the local deadline past which this replica must not
// reconcile the cluster, whether or not it has heard from the API server.
import { isConflict, isNotFound, type LeaseApi } from './lease-api';
import {
  SHARD_COMPONENT,
  holderOf,
  newLease,
  renewedLease,
  shardLeaseName,
  takenOverLease,
  type LeaseObject,
} from './lease-records';

export interface HeldShardDeps {
  api: LeaseApi;
  identity: string;
  durationMs: number;
  /** How long before the Lease could expire for others this replica stops: one heartbeat. */
  marginMs: number;
  clock: () => number;
}

/** `skipped`: a renewal was still in flight; `failed`: no answer, the deadline stands. */
export type RenewOutcome = 'renewed' | 'skipped' | 'failed' | 'lost';

export class HeldShard {
  state: 'owned' | 'releasing' = 'owned';
  /** onAcquire then onRelease, never at once. */
  hooks: Promise<void> = Promise.resolve();
  private deadline: number;
  private writes: Promise<unknown> = Promise.resolve();
  private renewing = false;
  /** renewTimes of renewals that got no answer: the server may have stored them. */
  private readonly unanswered = new Set<string>();

  private constructor(
    readonly server: string,
    private lease: LeaseObject,
    sentAt: number,
    private readonly deps: HeldShardDeps,
  ) {
    this.deadline = sentAt + deps.durationMs - deps.marginMs;
  }

  /**
   * Creates the Lease, or takes `existing` over at the version seen (the caller
   * has waited for it to expire). Throws 409 when another replica wrote first.
   */
  static async acquire(server: string, existing: LeaseObject | undefined, deps: HeldShardDeps): Promise<HeldShard> {
    const { api, identity, durationMs, clock } = deps;
    // The deadline counts from before the request: the server may store it any time after.
    const sentAt = clock();
    const now = new Date();
    const written = existing
      ? await api.replace(takenOverLease(existing, identity, durationMs, now))
      : await api.create(
          newLease({ name: shardLeaseName(server), identity, component: SHARD_COMPONENT, durationMs, now, server }),
        );
    return new HeldShard(server, written, sentAt, deps);
  }

  get current(): LeaseObject {
    return this.lease;
  }

  /** Until when (this replica's monotonic clock) it may reconcile the cluster. */
  get validUntil(): number {
    return this.deadline;
  }

  ownedAt(now: number): boolean {
    return this.state === 'owned' && now < this.deadline;
  }

  renew(): Promise<RenewOutcome> {
    if (this.renewing) return Promise.resolve('skipped');
    this.renewing = true;
    return this.serialise(async (): Promise<RenewOutcome> => {
      const sentAt = this.deps.clock();
      const renewal = renewedLease(this.lease, new Date());
      try {
        this.lease = await this.deps.api.replace(renewal);
        this.deadline = Math.max(this.deadline, sentAt + this.deps.durationMs - this.deps.marginMs);
        this.unanswered.clear();
        return 'renewed';
      } catch (error) {
        if (isNotFound(error)) return 'lost';
        if (isConflict(error)) return this.afterConflict();
        if (renewal.spec.renewTime) this.unanswered.add(renewal.spec.renewTime);
        return 'failed';
      } finally {
        this.renewing = false;
      }
    });
  }

  /** Deletes the Lease at the version this replica last wrote, after any renewal in flight. */
  release(): Promise<void> {
    return this.serialise(async () => {
      const { name, resourceVersion } = this.lease.metadata;
      if (resourceVersion) await this.deps.api.delete(name, resourceVersion);
    });
  }

  /**
   * A renewal that got no answer here may still have been stored, and the next
   * one then conflicts with it. If what is stored is exactly that renewal, the
   * Lease is still ours: keep it (but not a later deadline — when that write
   * landed is unknown). Anything else means another writer: lost.
   */
  private async afterConflict(): Promise<RenewOutcome> {
    const current = await this.deps.api.read(this.lease.metadata.name).catch(() => undefined);
    const renewTime = current?.spec.renewTime;
    if (current && holderOf(current) === this.deps.identity && renewTime && this.unanswered.has(renewTime)) {
      this.lease = current;
      this.unanswered.clear();
      return 'failed';
    }
    return 'lost';
  }

  private serialise<T>(write: () => Promise<T>): Promise<T> {
    const result = this.writes.then(write);
    this.writes = result.catch(() => undefined);
    return result;
  }
}
