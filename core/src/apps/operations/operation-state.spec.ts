import { type Application, type OperationState } from '@driftless/schema';
import { baselineOf, finishedOperation, operationInProgress } from './operation-state';

const state = (phase: OperationState['phase'], startedAt: string): OperationState => ({
  operation: { sync: {} },
  phase,
  startedAt,
  ...(phase === 'Running' ? {} : { finishedAt: startedAt }),
});

const app = (operationState?: OperationState, operation?: Application['operation']): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'guestbook' },
  spec: { project: 'default', destination: {} },
  status: operationState ? { operationState } : {},
  ...(operation ? { operation } : {}),
});

describe('operationInProgress', () => {
  it.each<[string, Application, boolean]>([
    ['nothing ever ran', app(), false],
    ['the last one finished', app(state('Failed', '2024-05-01T10:00:00Z')), false],
    ['one is requested', app(undefined, { sync: {} }), true],
    ['one is running', app(state('Running', '2024-05-01T10:00:00Z'), { sync: {} }), true],
    ['one says Running even without .operation', app(state('Running', '2024-05-01T10:00:00Z')), true],
    ['one is being terminated', app(state('Terminating', '2024-05-01T10:00:00Z'), { sync: {} }), true],
  ])('%s → %s', (_case, application, busy) => {
    expect(operationInProgress(application)).toBe(busy);
  });
});

describe('finishedOperation', () => {
  const requestedAt = Date.parse('2024-05-01T10:00:05.700Z');

  it('waits while the operation is requested or running', () => {
    const baseline = baselineOf(app(), requestedAt);
    expect(finishedOperation(app(undefined, { sync: {} }), baseline)).toBeUndefined();
    expect(finishedOperation(app(state('Running', '2024-05-01T10:00:05Z'), { sync: {} }), baseline)).toBeUndefined();
    // The controller writes the final phase and removes .operation together; until then it is not over.
    expect(finishedOperation(app(state('Succeeded', '2024-05-01T10:00:05Z'), { sync: {} }), baseline)).toBeUndefined();
  });

  it.each<OperationState['phase']>(['Succeeded', 'Failed', 'Error'])(
    'returns the %s state of our operation',
    (phase) => {
      const done = state(phase, '2024-05-01T10:00:05Z');
      expect(finishedOperation(app(done), baselineOf(app(), requestedAt))).toBe(done);
    },
  );

  it('ignores an older operation state, which the write should have removed', () => {
    const previous = state('Succeeded', '2024-05-01T09:00:00Z');
    const baseline = baselineOf(app(previous), requestedAt);
    expect(finishedOperation(app(previous), baseline)).toBeUndefined();
  });

  it("trusts the controller's own clock when it is behind the client's", () => {
    const baseline = baselineOf(app(state('Succeeded', '2024-05-01T09:00:00Z')), requestedAt);
    expect(finishedOperation(app(state('Failed', '2024-05-01T09:59:58Z')), baseline)?.phase).toBe('Failed');
  });
});
