import {
  DURATION_MS_ANNOTATION,
  expiresAt,
  leaseDurationMs,
  memberLeaseName,
  microTime,
  newLease,
  renewedLease,
  shardLeaseName,
  takenOverLease,
} from './lease-records';

const now = new Date('2025-01-02T03:04:05.678Z');

describe('lease records', () => {
  it('names Leases after the identity and a short hash of the server', () => {
    expect(memberLeaseName('controller-7c9f.x')).toBe('driftless-controller-controller-7c9f.x');
    expect(() => memberLeaseName('Controller_1')).toThrow(/cannot be part of a Lease name/);
    expect(shardLeaseName('https://a.example:6443')).toMatch(/^driftless-shard-[0-9a-f]{16}$/);
    expect(shardLeaseName('https://a.example:6443')).not.toBe(shardLeaseName('https://b.example:6443'));
  });

  it('writes MicroTime with six fractional digits', () => {
    expect(microTime(now)).toBe('2025-01-02T03:04:05.678000Z');
  });

  it('keeps the exact duration for sub-second heartbeats and whole seconds for kubectl', () => {
    const lease = newLease({
      name: 'l',
      identity: 'me',
      component: 'controller-shard',
      durationMs: 600,
      now,
      server: 's',
    });
    expect(lease.spec).toMatchObject({ holderIdentity: 'me', leaseDurationSeconds: 1, leaseTransitions: 0 });
    expect(leaseDurationMs(lease, 5000)).toBe(600);
    const foreign = { metadata: { name: 'x' }, spec: { leaseDurationSeconds: 15 } };
    expect(leaseDurationMs(foreign, 5000)).toBe(15_000);
    expect(leaseDurationMs({ metadata: { name: 'y' }, spec: {} }, 5000)).toBe(5000);
  });

  it('expires a Lease one duration after its current version was first seen here', () => {
    const lease = newLease({ name: 'l', identity: 'me', component: 'controller-member', durationMs: 900, now });
    expect(expiresAt({ lease, observedAt: 1000 }, 5000)).toBe(1900);
  });

  it('renews only renewTime and counts a takeover as a transition', () => {
    const lease = newLease({ name: 'l', identity: 'old', component: 'controller-shard', durationMs: 900, now });
    lease.metadata.resourceVersion = '42';
    const later = new Date(now.getTime() + 1000);
    expect(renewedLease(lease, later).spec).toEqual({ ...lease.spec, renewTime: microTime(later) });
    const taken = takenOverLease(lease, 'new', 1500, later);
    expect(taken.metadata.resourceVersion).toBe('42');
    expect(taken.metadata.annotations?.[DURATION_MS_ANNOTATION]).toBe('1500');
    expect(taken.spec).toMatchObject({ holderIdentity: 'new', leaseTransitions: 1, leaseDurationSeconds: 2 });
  });
});
