// One notifications controller per installation: the replica holding the Lease
// `driftless-notifications-controller` runs the passes; the others keep their watches warm and
// take over when the holder stops renewing. Correctness does not depend on it (the dedup state is
// written with a resourceVersion precondition, so two replicas never both deliver); it saves every
// other replica from evaluating every app. A Lease counts as expired when this replica has seen the
// same resourceVersion for its whole duration (its own monotonic clock; no trust in others' clocks).
// A holder that shuts down releases the Lease, so a restart hands over at once.
import { Logger } from '@nestjs/common';
import { isConflict, type LeaseApi } from '../../controller/sharding/lease-api';
import { type LeaseObject } from '../../controller/sharding/lease-records';

export const NOTIFICATIONS_LEASE = 'driftless-notifications-controller';

export type LeaseDecision = 'create' | 'renew' | 'acquire' | 'wait';

/** What to do with the Lease as last read; `unchangedForMs`: how long it has had this resourceVersion. */
export function leaseDecision(
  lease: LeaseObject | undefined,
  identity: string,
  unchangedForMs: number,
  durationMs: number,
): LeaseDecision {
  if (!lease) return 'create';
  const holder = lease.spec.holderIdentity ?? '';
  if (holder === identity) return 'renew';
  if (holder === '' || unchangedForMs >= durationMs) return 'acquire';
  return 'wait';
}

export class LeaderLease {
  private readonly logger = new Logger('Notifications');
  private timer: NodeJS.Timeout | undefined;
  private seen: { resourceVersion: string; since: number } | undefined;
  private current: LeaseObject | undefined;
  private ticking: Promise<void> | undefined;
  leading = false;

  constructor(
    private readonly api: LeaseApi,
    private readonly identity: string,
    private readonly onChange: (leading: boolean) => void,
    private readonly durationMs = 15_000,
  ) {}

  start(): void {
    this.ticking = this.tick();
    this.timer = setInterval(() => {
      this.ticking = (this.ticking ?? Promise.resolve()).then(() => this.tick());
    }, this.durationMs / 3);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking?.catch(() => undefined);
    if (!this.leading || !this.current) return;
    this.setLeading(false);
    // Hand over at once: an empty holder may be taken by any replica.
    await this.api
      .replace({ ...this.current, spec: { ...this.current.spec, holderIdentity: '' } })
      .catch(() => undefined);
  }

  private async tick(): Promise<void> {
    try {
      const lease = await this.api.read(NOTIFICATIONS_LEASE);
      const version = lease?.metadata.resourceVersion ?? '';
      if (this.seen?.resourceVersion !== version) this.seen = { resourceVersion: version, since: performance.now() };
      const decision = leaseDecision(lease, this.identity, performance.now() - this.seen.since, this.durationMs);
      if (decision === 'wait') {
        this.setLeading(false);
        return;
      }
      const now = new Date().toISOString().replace('Z', '000Z');
      const spec = {
        holderIdentity: this.identity,
        leaseDurationSeconds: Math.ceil(this.durationMs / 1000),
        renewTime: now,
        ...(decision === 'renew' ? {} : { acquireTime: now }),
      };
      this.current =
        decision === 'create'
          ? await this.api.create({ metadata: { name: NOTIFICATIONS_LEASE }, spec })
          : await this.api.replace({ ...lease!, spec: { ...lease!.spec, ...spec } });
      this.setLeading(true);
    } catch (error) {
      // Another replica wrote first (409), or the API server did not answer: not the leader now.
      if (!isConflict(error)) this.logger.warn(`notifications lease: ${(error as Error).message}`);
      this.setLeading(false);
    }
  }

  private setLeading(leading: boolean): void {
    if (leading === this.leading) return;
    this.leading = leading;
    this.onChange(leading);
  }
}
