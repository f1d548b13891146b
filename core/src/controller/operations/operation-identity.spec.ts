import { type Application, type OperationState } from '@driftless/schema';
import { operationId, waitBeforeStarting } from './operation-identity';

const app = { metadata: { name: 'web', namespace: 'argocd', uid: 'uid-1' } } as Application;
const state = (startedAt: string, retryCount?: number) =>
  ({ operation: {}, phase: 'Running', message: '', startedAt, retryCount }) as OperationState;

describe('operation identity', () => {
  it('differs per start second, per retry and per app', () => {
    const first = operationId(app, state('2026-01-01T00:00:00Z'));
    expect(operationId(app, state('2026-01-01T00:00:00Z'))).toBe(first);
    expect(operationId(app, state('2026-01-01T00:00:01Z'))).not.toBe(first);
    expect(operationId(app, state('2026-01-01T00:00:00Z', 1))).not.toBe(first);
    expect(
      operationId({ metadata: { ...app.metadata, uid: 'uid-2' } } as Application, state('2026-01-01T00:00:00Z')),
    ).not.toBe(first);
  });

  it('makes a new operation wait for the next second when the previous one started in this one', () => {
    const nowMs = Date.parse('2026-01-01T00:00:07.250Z');
    expect(waitBeforeStarting('2026-01-01T00:00:07Z', '2026-01-01T00:00:07Z', nowMs)).toBe(750);
    expect(waitBeforeStarting('2026-01-01T00:00:06Z', '2026-01-01T00:00:07Z', nowMs)).toBe(0);
    expect(waitBeforeStarting(undefined, '2026-01-01T00:00:07Z', nowMs)).toBe(0);
  });
});
