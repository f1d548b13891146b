import { type ResourceResult } from '@driftless/schema';
import { type SyncPhase } from './hooks';
import { SyncOptions } from './sync-options';
import { decideStep, resultFor, SUCCEEDED_MESSAGE, type TaskObservation } from './sync-step';
import { taskKey, type SyncTask, type TaskAction } from './sync-task';

function task(name: string, phase: SyncPhase = 'Sync', wave = 0, action: TaskAction = 'apply'): SyncTask {
  return {
    group: action === 'hook' ? 'batch' : '',
    version: 'v1',
    kind: action === 'hook' ? 'Job' : 'ConfigMap',
    namespace: 'shop',
    name,
    phase,
    wave,
    action,
    options: new SyncOptions(new Map()),
    deletePolicies: action === 'hook' ? ['HookSucceeded'] : [],
    outOfSync: true,
  };
}

function decide(
  tasks: SyncTask[],
  results: Record<string, Partial<ResourceResult>>,
  observed: Record<string, TaskObservation> = {},
) {
  const map = new Map<string, ResourceResult>();
  for (const item of tasks) {
    const fields = results[item.name];
    if (fields) map.set(taskKey(item), resultFor(item, fields));
  }
  return decideStep({ tasks, results: map, observe: (item) => observed[item.name] ?? { exists: false } });
}

const names = (tasks: SyncTask[]) => tasks.map((item) => item.name);

describe('decideStep', () => {
  const waves = [
    task('pre', 'PreSync', 0, 'hook'),
    task('a', 'Sync', 0),
    task('b', 'Sync', 1),
    task('fail', 'SyncFail', 0, 'hook'),
  ];

  it('starts with the first phase/wave', () => {
    const decision = decide(waves, {});
    expect(decision.kind).toBe('run');
    if (decision.kind === 'run') expect(names(decision.tasks)).toEqual(['pre']);
  });

  it('waits for a running hook, then moves on when it is healthy and reports it for its delete policy', () => {
    const running = decide(
      waves,
      { pre: { status: 'Synced', hookPhase: 'Running' } },
      {
        pre: { exists: true, health: { status: 'Progressing' } },
      },
    );
    expect(running).toMatchObject({ kind: 'wait', message: 'waiting for completion of hook batch/Job/pre' });
    const done = decide(
      waves,
      { pre: { status: 'Synced', hookPhase: 'Running' } },
      {
        pre: { exists: true, health: { status: 'Healthy', message: 'job completed' } },
      },
    );
    expect(done.kind).toBe('run');
    if (done.kind === 'run') expect(names(done.tasks)).toEqual(['a']);
    expect(done.updates).toEqual([
      expect.objectContaining({ name: 'pre', hookPhase: 'Succeeded', message: 'job completed' }),
    ]);
    expect(names(done.completedHooks)).toEqual(['pre']);
  });

  it('waits for a wave to be healthy before the next, but not for the last wave', () => {
    const results = {
      pre: { status: 'Synced' as const, hookPhase: 'Succeeded' as const },
      a: { status: 'Synced' as const, hookPhase: 'Running' as const },
    };
    expect(decide(waves, results, { a: { exists: true, health: { status: 'Progressing' } } }).kind).toBe('wait');
    const next = decide(waves, results, { a: { exists: true } });
    expect(next.kind === 'run' && names(next.tasks)).toEqual(['b']);
    const last = decide(
      waves,
      { ...results, a: { status: 'Synced', hookPhase: 'Succeeded' }, b: { status: 'Synced', hookPhase: 'Running' } },
      {
        b: { exists: true, health: { status: 'Progressing' } },
      },
    );
    expect(last).toMatchObject({ kind: 'finish', phase: 'Succeeded', message: SUCCEEDED_MESSAGE });
  });

  it('runs SyncFail hooks after a failure, then fails with the reason', () => {
    const results = { pre: { status: 'Synced' as const, hookPhase: 'Running' as const } };
    const failed = decide(waves, results, {
      pre: { exists: true, health: { status: 'Degraded', message: 'BackoffLimitExceeded' } },
    });
    expect(failed.kind === 'run' && failed.failing && names(failed.tasks)).toEqual(['fail']);
    const end = decide(waves, {
      pre: { status: 'Synced', hookPhase: 'Failed', message: 'BackoffLimitExceeded' },
      fail: { status: 'Synced', hookPhase: 'Succeeded' },
    });
    expect(end).toMatchObject({
      kind: 'finish',
      phase: 'Failed',
      message: 'one or more synchronization tasks completed unsuccessfully, reason: BackoffLimitExceeded',
    });
    const applyFailed = decide([task('a')], {
      a: { status: 'SyncFailed', hookPhase: 'Failed', message: 'field is immutable' },
    });
    expect(applyFailed).toMatchObject({
      phase: 'Failed',
      message: 'one or more objects failed to apply, reason: field is immutable',
    });
  });

  it('acts again on tasks recorded but not yet acted on (a controller stopped in between)', () => {
    const decision = decide(waves, { pre: { hookPhase: 'Running' } });
    expect(decision.kind === 'run' && names(decision.tasks)).toEqual(['pre']);
  });

  it('waits until pruned objects are gone, and for deletion confirmation', () => {
    const prune = task('old', 'Sync', 0, 'prune');
    expect(
      decide(
        [prune, task('b', 'Sync', 1)],
        { old: { status: 'Pruned', hookPhase: 'Running' } },
        { old: { exists: true } },
      ).kind,
    ).toBe('wait');
    const gone = decide([prune, task('b', 'Sync', 1)], { old: { status: 'Pruned', hookPhase: 'Running' } });
    expect(gone.kind === 'run' && names(gone.tasks)).toEqual(['b']);
    expect(decide([task('c', 'Sync', 0, 'prune-confirm')], {})).toMatchObject({
      kind: 'wait',
      message: 'Waiting for pruning confirmation of ConfigMap/c',
    });
  });

  it('succeeds at once when nothing is left', () => {
    expect(decide([], {})).toMatchObject({ kind: 'finish', phase: 'Succeeded' });
  });
});
