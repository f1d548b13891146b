// Runs an Application's operation one step at a time. Everything the engine
// knows lives in the Application (`operation`, `status.operationState`), and
// every step is recorded before it is acted on, so a controller that dies at
// any point resumes where it was: a recorded step is acted on again
// (applies, prunes and hook creation are idempotent — a hook carries its
// operation attempt's id and is never created twice), and a finished step is
// never repeated. A step never blocks a worker while a hook runs or a wave
// becomes healthy: it answers "look again later" (or when a tracked object
// changes), which is why thousands of apps with slow PreSync jobs cannot
// exhaust the workers (Argo CD's deadlock at default settings).
import {
  type Application,
  type OperationState,
  type ResourceResult,
  type SyncOperationResult,
} from '@driftless/schema';
import { type ManifestRequest, type ManifestResponse } from '../../repo/manifests/manifest-request';
import { appendHistory, recordsHistory } from '../../sync/history';
import { canRetry, kitchenTime, nextRetryAt } from '../../sync/retry';
import { decideStep, resultFor, type TaskObservation } from '../../sync/sync-step';
import { taskKey, type SyncTask } from '../../sync/sync-task';
import { type LiveObject } from '../live-state/cached-object';
import { type RefreshPorts } from '../refresh/refresh-ports';
import { ApplicationValidator } from '../refresh/validate-application';
import { blocksComparison } from '../status/conditions';
import { loadOperationContext, type OperationContext } from './operation-context';
import { operationId, waitBeforeStarting } from './operation-identity';
import { OperationConflict, type OperationWrite, type OperationWriter } from './operation-writer';
import { preflight } from './preflight';
import { runTasks } from './run-tasks';
import { apiMessage, HOOK_OPERATION_ANNOTATION, ResourceWriter } from './resource-writer';
import { HOOK_FINALIZER } from '../../sync/hooks';
import { windowsVerdict } from './windows';

export type StepOutcome = { kind: 'idle' } | { kind: 'later'; afterMs: number };

/** How often a waiting operation looks again when no live change wakes it first. */
export const WAIT_POLL_MS = 5_000;
const BLOCKED_POLL_MS = 30_000;
const MAX_ROUNDS = 50;
/** How long a started operation waits out failures to load its manifests or live state (Argo CD's repo error grace). */
const CONTEXT_FAILURE_GRACE_MS = 180_000;
/** Renders kept for operations in progress (each attempt's, until it ends). */
const MAX_REMEMBERED_RENDERS = 20_000;

export interface OperationRunnerOptions {
  ports: RefreshPorts;
  writer: OperationWriter;
  /** The app as stored after a write (the controller keeps its copy current). */
  onWritten?: (app: Application) => void;
  /** argocd-cmd-params-cm controller.sync.timeout.seconds: 0 = no limit. */
  syncTimeoutSeconds?: () => number;
}

export function isCompleted(state: OperationState | undefined): boolean {
  return state === undefined || ['Succeeded', 'Failed', 'Error'].includes(state.phase);
}

function appKey(app: Application): string {
  return `${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`;
}

export class OperationRunner {
  private readonly validator: ApplicationValidator;
  private readonly renders = new Map<string, { attempt: string; renders: ManifestResponse[] }>();
  /** Apps whose running operation could not load its context, since when. */
  private readonly failingSince = new Map<string, number>();

  constructor(private readonly options: OperationRunnerOptions) {
    this.validator = new ApplicationValidator(options.ports);
  }

  /** Steps the app's operation until it must wait or ends. */
  async run(app: Application): Promise<StepOutcome> {
    let current = app;
    let conflicts = 0;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      try {
        const outcome = await this.step(current);
        if ('app' in outcome) {
          current = outcome.app;
          continue;
        }
        return outcome;
      } catch (error) {
        if (!(error instanceof OperationConflict) || conflicts >= 5) throw error;
        conflicts += 1;
        current = await this.options.writer.read(current);
      }
    }
    return { kind: 'later', afterMs: 0 };
  }

  private async write(app: Application, write: OperationWrite): Promise<{ app: Application }> {
    const written = await this.options.writer.write(app, write);
    this.options.onWritten?.(written);
    return { app: written };
  }

  private now(): string {
    return this.options.ports.now();
  }

  private async step(app: Application): Promise<StepOutcome | { app: Application }> {
    const state = app.status?.operationState;
    if (isCompleted(state)) {
      if (!app.operation) return { kind: 'idle' };
      // A new operation: its first step runs on this state in memory, and its first write records both.
      // Renders remembered for this app belong to an earlier operation, even one started within the
      // same second (startedAt has seconds only, so the attempt key alone would reuse its commit).
      this.renders.delete(appKey(app));
      const startedAt = this.now();
      const wait = waitBeforeStarting(state?.startedAt, startedAt, Date.now());
      if (wait > 0) return { kind: 'later', afterMs: wait };
      return this.proceed(app, { operation: app.operation, phase: 'Running', message: '', startedAt });
    }
    const running = state as OperationState;
    if (running.phase === 'Terminating') return this.terminate(app, running, 'Operation terminated');
    const timeout = this.options.syncTimeoutSeconds?.() ?? 0;
    if (timeout > 0 && Date.now() - Date.parse(running.startedAt) > timeout * 1000)
      return this.terminate(
        app,
        running,
        `Operation terminated: it ran longer than controller.sync.timeout.seconds (${timeout} s)`,
      );

    // A failed attempt waiting for its retry: finishedAt marks when it ended.
    if (running.finishedAt && !running.syncResult) {
      const at = nextRetryAt(
        running.operation.retry,
        new Date(running.finishedAt),
        Math.max(0, (running.retryCount ?? 1) - 1),
      );
      const wait = at.getTime() - Date.now();
      if (wait > 0) return { kind: 'later', afterMs: wait };
      const { finishedAt: _ended, ...next } = running;
      return this.proceed(app, next);
    }
    return this.proceed(app, running);
  }

  /** One step of a running operation; `state` may be newer than the app's (not yet written). */
  private async proceed(app: Application, state: OperationState): Promise<StepOutcome | { app: Application }> {
    const validation = this.validator.validate(app);
    if (!validation.cluster || !validation.project || blocksComparison(validation.conditions)) {
      const reason =
        validation.conditions.map((condition) => condition.message).join('; ') || 'the application is not valid';
      return this.finish(app, state, 'Failed', reason);
    }
    let context: OperationContext;
    try {
      context = await loadOperationContext(app, state, this.options.ports, {
        cluster: validation.cluster,
        project: validation.project,
        render: (requests) => this.render(app, state, requests),
      });
    } catch (error) {
      // Mid-operation, a repo-server or cluster hiccup (a restart, a lost job) is waited out for a while.
      const key = appKey(app);
      const since = this.failingSince.get(key) ?? Date.now();
      this.failingSince.set(key, since);
      if (state.syncResult && Date.now() - since < CONTEXT_FAILURE_GRACE_MS)
        return { kind: 'later', afterMs: WAIT_POLL_MS };
      this.failingSince.delete(key);
      return this.finish(app, state, 'Error', `ComparisonError: ${apiMessage(error)}`);
    }
    this.failingSince.delete(appKey(app));
    if (!state.syncResult) return this.start(app, state, context);
    return this.advance(app, state, context);
  }

  /**
   * The renders of one operation attempt: the revision is pinned once the
   * attempt starts, so every later step reuses them instead of asking the
   * repo-server again.
   */
  private async render(
    app: Application,
    state: OperationState,
    requests: readonly ManifestRequest[],
  ): Promise<ManifestResponse[]> {
    const key = appKey(app);
    const attempt = `${state.startedAt}/${state.retryCount ?? 0}`;
    const remembered = this.renders.get(key);
    if (remembered?.attempt === attempt && remembered.renders.length === requests.length) return remembered.renders;
    const renders = await Promise.all(requests.map((request) => this.options.ports.generate(request)));
    this.renders.delete(key);
    if (this.renders.size >= MAX_REMEMBERED_RENDERS) this.renders.delete(this.renders.keys().next().value as string);
    this.renders.set(key, { attempt, renders });
    return renders;
  }

  /** The first step: sync windows, validation and a server dry run of every task, then the first wave. */
  private async start(
    app: Application,
    state: OperationState,
    context: OperationContext,
  ): Promise<StepOutcome | { app: Application }> {
    const manual = !state.operation.initiatedBy?.automated;
    const windows = windowsVerdict(app, this.options.ports.project(app.spec.project || 'default'), {
      manual,
      now: new Date(),
    });
    if (!windows.allowed) {
      const message = windows.message;
      if (app.status?.operationState === state && state.message === message)
        return { kind: 'later', afterMs: BLOCKED_POLL_MS };
      await this.write(app, { state: { ...state, message } });
      return { kind: 'later', afterMs: BLOCKED_POLL_MS };
    }
    const writer = new ResourceWriter(context.cache, {
      clientSideApplyMigrationManager: context.clientSideApplyMigrationManager,
    });
    const id = operationId(app, state);
    const checked = await preflight(context, writer, {
      operationId: id,
      force: forceOf(state),
      dryRunOperation: Boolean(state.operation.sync?.dryRun),
    });
    const base = this.syncResultBase(context);
    if (checked.problem) {
      return this.finish(
        app,
        { ...state, syncResult: { ...base, resources: checked.results } },
        'Failed',
        checked.problem,
      );
    }
    if (state.operation.sync?.dryRun) {
      return this.finish(
        app,
        { ...state, syncResult: { ...base, resources: checked.results } },
        'Succeeded',
        'successfully synced (all tasks run)',
      );
    }
    // Nothing is written yet: the first wave's record says the operation started.
    return this.advance(app, { ...state, message: '', syncResult: { ...base, resources: [] } }, context);
  }

  private syncResultBase(context: OperationContext): SyncOperationResult {
    const revisions = context.renders.map((render) => render.revision);
    return context.multiSource
      ? { revision: revisions[0] ?? '', revisions, sources: context.sources }
      : { revision: revisions[0] ?? '', ...(context.sources[0] ? { source: context.sources[0] } : {}) };
  }

  private async advance(
    app: Application,
    state: OperationState,
    context: OperationContext,
  ): Promise<StepOutcome | { app: Application }> {
    const results = new Map<string, ResourceResult>();
    for (const result of state.syncResult?.resources ?? []) results.set(resultKey(result), result);
    const observations = await this.observe(context, results);
    const decision = decideStep({
      tasks: context.tasks,
      results,
      observe: (task) => observations.get(taskKey(task)) ?? { exists: false },
    });
    const writer = new ResourceWriter(context.cache, {
      clientSideApplyMigrationManager: context.clientSideApplyMigrationManager,
    });
    const unwritten = app.status?.operationState !== state;
    const message = decision.kind === 'wait' ? decision.message : (state.message ?? '');
    let current = app;
    let currentState = withResults(state, mergeResults(state.syncResult?.resources ?? [], decision.updates), message);
    const merged = currentState.syncResult?.resources ?? [];
    const id = operationId(app, state);
    // Outcomes are recorded before their hooks are released or deleted: a restart in between settles them again.
    const settle = () => settleFinishedHooks(context, writer, merged, id);

    if (decision.kind === 'finish') {
      if (decision.completedHooks.length > 0 || (await hooksToSettle(context, merged, id)).length > 0) {
        current = (await this.write(current, { state: currentState })).app;
        await settle();
        currentState = current.status?.operationState as OperationState;
      }
      return this.finish(current, currentState, decision.phase, decision.message);
    }
    if (decision.kind === 'wait') {
      if (unwritten || decision.updates.length > 0 || state.message !== decision.message)
        await this.write(current, { state: currentState });
      await settle();
      return { kind: 'later', afterMs: WAIT_POLL_MS };
    }

    // Run a phase/wave: recorded before it is acted on, and always through a compare-and-swap
    // first, so a replica acting on a stale copy (a step another already took further) stops here.
    const pending = decision.tasks.filter((task) => !results.has(taskKey(task)));
    currentState = withResults(
      currentState,
      mergeResults(
        merged,
        pending.map((task) => resultFor(task, { hookPhase: 'Running' })),
      ),
      message,
    );
    current = (await this.write(current, { state: currentState })).app;
    await settle();
    const done = await runTasks(context, writer, decision.tasks, { operationId: id, force: forceOf(currentState) });
    const finished = mergeResults(currentState.syncResult?.resources ?? [], done);
    // What the results alone decide (a last wave of resources ends the operation) is written once.
    const after = decideStep({
      tasks: context.tasks,
      results: new Map(finished.map((result) => [resultKey(result), result])),
      observe: (task) => ({
        exists: context.cache.get(task.group, task.kind, task.namespace, task.name) !== undefined,
      }),
    });
    if (after.kind === 'finish' && after.completedHooks.length === 0)
      return this.finish(
        current,
        withResults(currentState, mergeResults(finished, after.updates), message),
        after.phase,
        after.message,
      );
    return this.write(current, { state: withResults(currentState, finished, message) });
  }

  /** Health and existence of the objects of running tasks, from the live cache (hooks and waves). */
  private async observe(
    context: OperationContext,
    results: ReadonlyMap<string, ResourceResult>,
  ): Promise<Map<string, TaskObservation>> {
    const observations = new Map<string, TaskObservation>();
    const toAssess: { key: string; object: LiveObject }[] = [];
    for (const task of context.tasks) {
      const result = results.get(taskKey(task));
      if (!result || result.status === undefined || result.hookPhase !== 'Running') continue;
      const cached = context.cache.get(task.group, task.kind, task.namespace, task.name);
      if (!cached) {
        observations.set(taskKey(task), { exists: false });
        continue;
      }
      const object = await context.cache.fullObject(cached);
      if (!object) {
        observations.set(taskKey(task), { exists: false });
        continue;
      }
      observations.set(taskKey(task), { exists: true, deleting: Boolean(object.metadata?.deletionTimestamp) });
      toAssess.push({ key: taskKey(task), object });
    }
    if (toAssess.length === 0) return observations;
    const assessments = await this.options.ports.assessHealth(
      toAssess.map((item) => item.object),
      context.settings.resourceOverrides,
    );
    toAssess.forEach((item, index) => {
      const health = assessments[index];
      const seen = observations.get(item.key) as TaskObservation;
      observations.set(item.key, {
        ...seen,
        ...(health
          ? { health: { status: health.status, ...(health.message ? { message: health.message } : {}) } }
          : {}),
      });
    });
    return observations;
  }

  /**
   * A user asked to stop (phase Terminating): running hooks are deleted, the
   * rest is left as it is, and the operation fails without a retry.
   */
  private async terminate(
    app: Application,
    state: OperationState,
    message: string,
  ): Promise<StepOutcome | { app: Application }> {
    const resources = state.syncResult?.resources ?? [];
    const running = resources.filter((result) => result.hookType && result.hookPhase === 'Running' && result.status);
    const cluster = this.validator.validate(app).cluster;
    if (cluster && running.length > 0) {
      const cache = await this.options.ports.liveCache(cluster, await this.options.ports.settings());
      const writer = new ResourceWriter(cache);
      for (const result of running) {
        const hook = {
          group: result.group,
          kind: result.kind,
          version: result.version,
          namespace: result.namespace,
          name: result.name,
        };
        await writer.releaseHook(hook).catch(() => undefined);
        await writer.delete(hook, 'Background', false).catch(() => undefined);
      }
    }
    const terminated = resources.map((result) =>
      running.includes(result) ? { ...result, hookPhase: 'Failed' as const, message: 'Terminated' } : result,
    );
    const final = state.syncResult ? { ...state, syncResult: { ...state.syncResult, resources: terminated } } : state;
    return this.finish(app, final, 'Failed', message, { retry: false });
  }

  /**
   * Ends the operation — or, when it failed and its retry strategy allows,
   * ends this attempt: the next one starts from scratch after the back-off.
   */
  private async finish(
    app: Application,
    state: OperationState,
    phase: 'Succeeded' | 'Failed' | 'Error',
    message: string,
    options: { retry: boolean } = { retry: true },
  ): Promise<StepOutcome | { app: Application }> {
    const now = this.now();
    if (options.retry && phase !== 'Succeeded' && canRetry(state.operation.retry, state.retryCount ?? 0)) {
      const retryCount = (state.retryCount ?? 0) + 1;
      const at = nextRetryAt(state.operation.retry, new Date(now), retryCount - 1);
      const { syncResult: _discarded, ...rest } = state;
      await this.write(app, {
        state: {
          ...rest,
          phase: 'Running',
          retryCount,
          finishedAt: now,
          message: `${message}. Retrying attempt #${retryCount} at ${kitchenTime(at)}.`,
        },
      });
      return { kind: 'later', afterMs: Math.max(0, at.getTime() - Date.now()) };
    }
    this.renders.delete(appKey(app));
    const final: OperationState = { ...state, phase, message, finishedAt: now };
    const history =
      recordsHistory(final) && final.syncResult ? appendHistory(app, final, final.syncResult, now) : undefined;
    await this.write(app, { state: final, clearOperation: true, ...(history ? { history } : {}) });
    return { kind: 'idle' };
  }
}

function forceOf(state: OperationState): boolean {
  const strategy = state.operation.sync?.syncStrategy;
  return Boolean(strategy?.apply?.force || strategy?.hook?.force);
}

export function resultKey(result: ResourceResult): string {
  return `${result.syncPhase ?? 'Sync'}:${result.group ?? ''}/${result.kind}/${result.namespace ?? ''}/${result.name}`;
}

function mergeResults(previous: readonly ResourceResult[], updates: readonly ResourceResult[]): ResourceResult[] {
  const byKey = new Map(previous.map((result) => [resultKey(result), result]));
  for (const update of updates) byKey.set(resultKey(update), update);
  return [...byKey.values()];
}

function withResults(state: OperationState, resources: ResourceResult[], message: string): OperationState {
  return { ...state, message, syncResult: { ...(state.syncResult as SyncOperationResult), resources } };
}

/**
 * Hooks of this attempt whose outcome is recorded but whose object still
 * holds the hook finalizer, or should go by its delete policy (HookSucceeded,
 * HookFailed).
 */
async function hooksToSettle(
  context: OperationContext,
  results: readonly ResourceResult[],
  id: string,
): Promise<{ hook: SyncTask; release: boolean; remove: boolean }[]> {
  const outcomes = new Map(results.map((result) => [resultKey(result), result.hookPhase]));
  const settling: { hook: SyncTask; release: boolean; remove: boolean }[] = [];
  for (const hook of context.tasks) {
    const outcome = outcomes.get(taskKey(hook));
    if (hook.action !== 'hook' || (outcome !== 'Succeeded' && outcome !== 'Failed' && outcome !== 'Error')) continue;
    const cached = context.cache.get(hook.group, hook.kind, hook.namespace, hook.name);
    const live = cached && (await context.cache.fullObject(cached));
    if (!live || live.metadata?.annotations?.[HOOK_OPERATION_ANNOTATION] !== id) continue;
    const finalizers = (live.metadata as { finalizers?: string[] }).finalizers ?? [];
    const release = finalizers.includes(HOOK_FINALIZER);
    const remove =
      !live.metadata?.deletionTimestamp &&
      hook.deletePolicies.includes(outcome === 'Succeeded' ? 'HookSucceeded' : 'HookFailed');
    if (release || remove) settling.push({ hook, release, remove });
  }
  return settling;
}

async function settleFinishedHooks(
  context: OperationContext,
  writer: ResourceWriter,
  results: readonly ResourceResult[],
  id: string,
): Promise<void> {
  for (const { hook, release, remove } of await hooksToSettle(context, results, id)) {
    if (release) await writer.releaseHook(hook);
    if (remove) await writer.delete(hook, 'Background', false);
  }
}
