import { statusPatch } from './status-patch';

const now = '2026-11-26T00:00:00Z';

describe('statusPatch', () => {
  it('patches nothing when no refresh-owned field changed and nobody asked', () => {
    const status = { sync: { status: 'Synced' as const }, resources: [], reconciledAt: 'earlier' };
    expect(statusPatch(status, { sync: { status: 'Synced' }, resources: [] }, { now, touch: false })).toEqual([]);
  });

  it('touches reconciledAt when a refresh was asked for, even without changes', () => {
    const status = { sync: { status: 'Synced' as const } };
    expect(statusPatch(status, { sync: { status: 'Synced' } }, { now, touch: true })).toEqual([
      { op: 'add', path: '/status/reconciledAt', value: now },
      { op: 'add', path: '/status/observedAt', value: now },
    ]);
  });

  it('sets changed fields, removes vanished ones and leaves operationState alone', () => {
    const status = {
      sync: { status: 'Synced' as const },
      summary: { images: ['a'] },
      operationState: { phase: 'Running' } as never,
    };
    const operations = statusPatch(status, { sync: { status: 'OutOfSync' } }, { now, touch: false });
    expect(operations).toEqual([
      { op: 'add', path: '/status/sync', value: { status: 'OutOfSync' } },
      { op: 'remove', path: '/status/summary' },
      { op: 'add', path: '/status/reconciledAt', value: now },
      { op: 'add', path: '/status/observedAt', value: now },
    ]);
  });

  it('creates the status object of an app that has none', () => {
    const operations = statusPatch(undefined, { sync: { status: 'Unknown' } }, { now, touch: false });
    expect(operations[0]).toEqual({ op: 'add', path: '/status', value: {} });
    expect(operations).toContainEqual({ op: 'add', path: '/status/sync', value: { status: 'Unknown' } });
  });

  it('creates it only on the copy it read, so a status the sync engine wrote meanwhile survives', () => {
    const operations = statusPatch(
      undefined,
      { sync: { status: 'Unknown' } },
      { now, touch: false, resourceVersion: '42' },
    );
    expect(operations.slice(0, 2)).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '42' },
      { op: 'add', path: '/status', value: {} },
    ]);
  });
});
