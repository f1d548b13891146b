// What an operation does next, decided from its tasks, the results recorded
// in `status.operationState.syncResult` and what the live objects say now —
// nothing else, so a controller that restarts takes the same decision (Argo
// CD's sync loop, stated as rules):
// - a task is started when it has a result; an applied resource or a created
//   hook runs until its health says how it went (hooks: Healthy → Succeeded,
//   Degraded → Failed; resources between waves: Healthy → Succeeded,
//   Degraded → Failed; no health rule → Succeeded), a prune runs until the
//   object is gone;
// - while anything runs, wait; when a task failed, run the SyncFail hooks and
//   fail; otherwise run the next phase/wave; when none is left, succeed;
// - in the last wave, applied resources do not hold the operation (a sync
//   applies; it does not wait for a rollout), hooks do.
// Pure.
import { type OperationPhase, type ResourceResult } from '@driftless/schema';
import { type SyncPhase } from './hooks';
import { isHookTask, taskKey, type SyncTask } from './sync-task';

export interface TaskObservation {
  exists: boolean;
  /** undefined: the kind has no health rule. */
  health?: { status: string; message?: string } | undefined;
  /** The object is being deleted (a foreground prune waits for this to end). */
  deleting?: boolean;
}

export interface StepInput {
  tasks: readonly SyncTask[];
  results: ReadonlyMap<string, ResourceResult>;
  observe: (task: SyncTask) => TaskObservation;
}

export type StepDecision =
  | { kind: 'wait'; message: string; updates: ResourceResult[]; completedHooks: SyncTask[] }
  | { kind: 'run'; tasks: SyncTask[]; updates: ResourceResult[]; completedHooks: SyncTask[]; failing: boolean }
  | {
      kind: 'finish';
      phase: Extract<OperationPhase, 'Succeeded' | 'Failed'>;
      message: string;
      updates: ResourceResult[];
      completedHooks: SyncTask[];
    };

export const SUCCEEDED_MESSAGE = 'successfully synced (all tasks run)';

export function resultFor(task: SyncTask, fields: Partial<ResourceResult>): ResourceResult {
  return {
    group: task.group,
    version: task.version,
    kind: task.kind,
    namespace: task.namespace,
    name: task.name,
    syncPhase: task.phase,
    ...(isHookTask(task) ? { hookType: task.phase } : {}),
    ...fields,
  };
}

function groupKey(task: SyncTask): string {
  return `${task.phase}/${task.wave}`;
}

function isTerminal(result: ResourceResult | undefined): boolean {
  return result?.hookPhase === 'Succeeded' || result?.hookPhase === 'Failed' || result?.hookPhase === 'Error';
}

function failed(result: ResourceResult | undefined): boolean {
  return result?.status === 'SyncFailed' || result?.hookPhase === 'Failed' || result?.hookPhase === 'Error';
}

/** A running task's result after looking at its live object; undefined = still running. */
function progress(
  task: SyncTask,
  result: ResourceResult,
  seen: TaskObservation,
  holds: boolean,
): ResourceResult | undefined {
  if (result.status === 'Pruned') {
    return seen.exists ? undefined : { ...result, hookPhase: 'Succeeded' };
  }
  if (!holds) return undefined;
  if (!seen.exists) {
    // A hook deleted by someone before its outcome was read cannot be judged; a resource not yet in the cache waits.
    return undefined;
  }
  const health = seen.health;
  if (!health) return { ...result, hookPhase: 'Succeeded' };
  if (health.status === 'Healthy') return { ...result, hookPhase: 'Succeeded', ...messageOf(task, result, health) };
  if (health.status === 'Degraded')
    return { ...result, hookPhase: 'Failed', message: health.message || `${task.kind} ${task.name} is Degraded` };
  if (!isHookTask(task) && health.status === 'Suspended') return { ...result, hookPhase: 'Succeeded' };
  return undefined;
}

function messageOf(task: SyncTask, result: ResourceResult, health: { message?: string }): Partial<ResourceResult> {
  return isHookTask(task) && health.message ? { message: health.message } : { message: result.message ?? '' };
}

export function decideStep(input: StepInput): StepDecision {
  const updates: ResourceResult[] = [];
  const results = new Map(input.results);
  const sync = input.tasks.filter((task) => task.phase !== 'SyncFail');
  const syncFail = input.tasks.filter((task) => task.phase === 'SyncFail');
  const groups = [...new Set(sync.map(groupKey))];
  const lastGroup = groups[groups.length - 1];

  // 1. Running tasks: read their outcome.
  let running = 0;
  const completedHooks: SyncTask[] = [];
  for (const task of input.tasks) {
    const key = taskKey(task);
    const result = results.get(key);
    if (!result || isTerminal(result) || result.status === undefined) continue;
    // Resources of the last wave do not hold the operation; hooks and earlier waves do.
    const holds = isHookTask(task) || groupKey(task) !== lastGroup || task.phase === 'SyncFail';
    const next = progress(task, result, input.observe(task), holds);
    if (next) {
      results.set(key, next);
      updates.push(next);
      if (isHookTask(task)) completedHooks.push(task);
    } else if (holds || result.status === 'Pruned') running += 1;
  }
  const pending = input.tasks.filter((task) => {
    const result = results.get(taskKey(task));
    return result !== undefined && result.status === undefined;
  });
  if (pending.length > 0) {
    // Recorded, then the controller stopped before acting: act again (every action is idempotent).
    return {
      kind: 'run',
      tasks: pending,
      updates,
      completedHooks,
      failing: pending.some((t) => t.phase === 'SyncFail'),
    };
  }
  if (running > 0) {
    return { kind: 'wait', message: waitingMessage(input.tasks, results), updates, completedHooks };
  }

  // 2. A failure: SyncFail hooks, then Failed.
  const failure = sync.find((task) => failed(results.get(taskKey(task))));
  if (failure) {
    const notStarted = syncFail.filter((task) => !results.has(taskKey(task)));
    if (notStarted.length > 0) return { kind: 'run', tasks: notStarted, updates, completedHooks, failing: true };
    const result = results.get(taskKey(failure));
    const reason = result?.message ? `, reason: ${result.message}` : '';
    return {
      kind: 'finish',
      phase: 'Failed',
      message:
        result?.status === 'SyncFailed'
          ? `one or more objects failed to apply${reason}`
          : `one or more synchronization tasks completed unsuccessfully${reason}`,
      updates,
      completedHooks,
    };
  }

  // 3. The next phase/wave that has tasks not yet started.
  const next = sync.find((task) => !results.has(taskKey(task)));
  if (!next) return { kind: 'finish', phase: 'Succeeded', message: SUCCEEDED_MESSAGE, updates, completedHooks };
  const group = groupKey(next);
  const step = sync.filter((task) => groupKey(task) === group && !results.has(taskKey(task)));
  const confirm = step.filter((task) => task.action === 'prune-confirm');
  if (confirm.length > 0) {
    return {
      kind: 'wait',
      message: `Waiting for pruning confirmation of ${confirm.map((task) => `${task.kind}/${task.name}`).join(', ')}`,
      updates,
      completedHooks,
    };
  }
  return { kind: 'run', tasks: step, updates, completedHooks, failing: false };
}

function waitingMessage(tasks: readonly SyncTask[], results: ReadonlyMap<string, ResourceResult>): string {
  const waiting = tasks.filter((task) => {
    const result = results.get(taskKey(task));
    return result !== undefined && !isTerminal(result) && result.status !== undefined;
  });
  const hooks = waiting.filter(isHookTask);
  const phase: SyncPhase | undefined = waiting[0]?.phase;
  if (hooks.length > 0)
    return `waiting for completion of hook ${hooks.map((task) => `${task.group ? `${task.group}/` : ''}${task.kind}/${task.name}`).join(', ')}`;
  const names = waiting.map((task) => `${task.kind}/${task.name}`).slice(0, 5);
  return `waiting for healthy state of ${names.join(', ')}${waiting.length > names.length ? ` and ${waiting.length - names.length} more` : ''}${phase ? ` (${phase} phase)` : ''}`;
}
