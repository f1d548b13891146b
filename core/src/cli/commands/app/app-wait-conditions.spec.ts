import { unmetConditions, waitConditions } from './app-wait-conditions';

const ready = { healthStatus: 'Healthy', syncStatus: 'Synced', operationInProgress: false };

describe('app wait conditions', () => {
  it('waits for health, sync and the operation when no flag is given', () => {
    const conditions = waitConditions({});
    expect(conditions).toEqual({ healthStatuses: ['Healthy'], sync: true, operation: true });
    expect(unmetConditions(conditions, ready)).toEqual([]);
    expect(unmetConditions(conditions, { ...ready, operationInProgress: true })).toEqual([
      'operation finished (one is in progress)',
    ]);
    expect(
      unmetConditions(conditions, { healthStatus: null, syncStatus: 'OutOfSync', operationInProgress: false }),
    ).toEqual(['health Healthy (is Unknown)', 'sync Synced (is OutOfSync)']);
  });

  it('waits only for what the flags name', () => {
    const syncOnly = waitConditions({ sync: true });
    expect(
      unmetConditions(syncOnly, { healthStatus: 'Degraded', syncStatus: 'Synced', operationInProgress: true }),
    ).toEqual([]);
    const healthOnly = waitConditions({ health: true });
    expect(unmetConditions(healthOnly, { ...ready, syncStatus: 'OutOfSync' })).toEqual([]);
  });

  it('admits any health status among --health, --suspended and --degraded', () => {
    const conditions = waitConditions({ suspended: true, degraded: true });
    expect(unmetConditions(conditions, { ...ready, healthStatus: 'Degraded' })).toEqual([]);
    expect(unmetConditions(conditions, { ...ready, healthStatus: 'Suspended' })).toEqual([]);
    expect(unmetConditions(conditions, ready)).toEqual(['health Suspended or Degraded (is Healthy)']);
  });
});
