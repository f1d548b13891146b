import { leaseDecision } from './leader-lease';

const lease = (holderIdentity?: string) => ({
  metadata: { name: 'driftless-notifications-controller', resourceVersion: '3' },
  spec: holderIdentity === undefined ? {} : { holderIdentity },
});

describe('leaseDecision', () => {
  it.each([
    ['no Lease', undefined, 0, 'create'],
    ['held by me', lease('me'), 99_000, 'renew'],
    ['held by another, fresh', lease('other'), 14_999, 'wait'],
    ['held by another, not renewed for its duration', lease('other'), 15_000, 'acquire'],
    ['released (empty holder)', lease(''), 0, 'acquire'],
    ['never held', lease(), 0, 'acquire'],
  ] as const)('%s → %s', (_name, current, unchangedForMs, expected) =>
    expect(leaseDecision(current, 'me', unchangedForMs, 15_000)).toBe(expected),
  );
});
