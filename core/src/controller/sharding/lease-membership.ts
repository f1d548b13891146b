// Which controller replicas are alive: each holds its own member Lease,
// renewed every heartbeat and deleted when it stops gracefully. Membership
// decides who should own what (shard-assignment.ts); it never decides who may
// reconcile — the per-cluster shard Leases do (shard-ownership.ts) — so two
// replicas that briefly disagree about the members only wait, never overlap.
import { isConflict, isNotFound, type LeaseApi } from './lease-api';
import { type LeaseCache } from './lease-cache';
import {
  COMPONENT_LABEL,
  MEMBER_COMPONENT,
  expiresAt,
  holderOf,
  memberLeaseName,
  newLease,
  renewedLease,
  takenOverLease,
  type LeaseObject,
} from './lease-records';

export interface LeaseMembershipOptions {
  api: LeaseApi;
  cache: LeaseCache;
  identity: string;
  durationMs: number;
  clock: () => number;
  onError: (message: string) => void;
}

export class LeaseMembership {
  readonly leaseName: string;
  private own: LeaseObject | undefined;

  constructor(private readonly options: LeaseMembershipOptions) {
    this.leaseName = memberLeaseName(options.identity);
  }

  /** Writes or renews the own member Lease; a failure is reported and retried next heartbeat. */
  async heartbeat(): Promise<void> {
    const { api, cache, identity } = this.options;
    const now = new Date();
    try {
      this.own = this.own ? await api.replace(renewedLease(this.own, now)) : await this.claim(now);
      cache.observe(this.own);
    } catch (error) {
      // Deleted or rewritten by someone else (e.g. swept while this replica stalled): claim it again.
      if (isConflict(error) || isNotFound(error)) this.own = undefined;
      this.options.onError(`cannot renew member Lease ${this.leaseName} of ${identity}: ${describe(error)}`);
    }
  }

  /** Deletes the own Lease so the others rebalance at once instead of after it expires. */
  async leave(): Promise<void> {
    const own = this.own;
    this.own = undefined;
    if (!own?.metadata.resourceVersion) return;
    try {
      await this.options.api.delete(own.metadata.name, own.metadata.resourceVersion);
      this.options.cache.forget(own.metadata.name);
    } catch (error) {
      this.options.onError(`cannot delete member Lease ${this.leaseName}: ${describe(error)} — it expires by itself`);
    }
  }

  /** Live member ids: this replica while it runs, and every other whose Lease has not expired as seen here. */
  liveMembers(now: number): string[] {
    const members = [this.options.identity];
    for (const observed of this.memberLeases()) {
      const holder = holderOf(observed.lease);
      if (holder !== '' && holder !== this.options.identity && now < expiresAt(observed, this.options.durationMs))
        members.push(holder);
    }
    return members;
  }

  /** The next instant a live member's Lease expires unless renewed, for re-evaluation. */
  nextExpiry(now: number): number {
    let next = Infinity;
    for (const observed of this.memberLeases()) {
      const expiry = expiresAt(observed, this.options.durationMs);
      if (expiry > now) next = Math.min(next, expiry);
    }
    return next;
  }

  /**
   * Deletes member Leases expired long ago (replicas that died; pod names of a
   * Deployment are not reused). Conditional on the version seen, so a replica
   * that comes back in the meantime keeps its Lease.
   */
  async sweep(now: number): Promise<void> {
    for (const observed of [...this.memberLeases()]) {
      const { name, resourceVersion } = observed.lease.metadata;
      if (name === this.leaseName || !resourceVersion) continue;
      if (now < expiresAt(observed, this.options.durationMs) + 10 * this.options.durationMs) continue;
      await this.options.api.delete(name, resourceVersion).catch(() => undefined);
    }
  }

  private *memberLeases() {
    for (const observed of this.options.cache.values())
      if (observed.lease.metadata.labels?.[COMPONENT_LABEL] === MEMBER_COMPONENT) yield observed;
  }

  /** Creates the Lease, or takes over the one a previous run of this identity left. */
  private async claim(now: Date): Promise<LeaseObject> {
    const { api, identity, durationMs } = this.options;
    const fresh = newLease({ name: this.leaseName, identity, component: MEMBER_COMPONENT, durationMs, now });
    try {
      return await api.create(fresh);
    } catch (error) {
      if (!isConflict(error)) throw error;
      const existing = await api.read(this.leaseName);
      if (!existing) throw error;
      return api.replace(takenOverLease(existing, identity, durationMs, now));
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
