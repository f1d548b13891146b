import { type ApplicationOperationModel } from '../mutations/dto/operation-state.model';
import { operationSettled } from './operation-progress';

const model = (pending: boolean, phase?: string): ApplicationOperationModel => ({
  pending,
  state:
    phase === undefined
      ? null
      : {
          phase,
          message: null,
          startedAt: '2026-01-01T00:00:00Z',
          finishedAt: null,
          initiatedBy: 'admin',
          automated: false,
          revision: null,
          resources: [],
        },
});

describe('operationSettled', () => {
  it.each([
    ['never any operation', model(false), true],
    ['requested, not started', model(true), false],
    ['requested while the previous one shows Succeeded', model(true, 'Succeeded'), false],
    ['running', model(true, 'Running'), false],
    ['terminating', model(true, 'Terminating'), false],
    ['succeeded', model(false, 'Succeeded'), true],
    ['failed', model(false, 'Failed'), true],
    ['errored', model(false, 'Error'), true],
  ])('%s: %s', (_case, operation, settled) => {
    expect(operationSettled(operation)).toBe(settled);
  });
});
