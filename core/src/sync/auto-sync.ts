// Whether a refreshed app syncs itself (`syncPolicy.automated`), as Argo CD
// decides it after every comparison (appcontroller.go `autoSync`):
// - only an enabled policy, with no operation running, an app not being
//   deleted, and sync status OutOfSync;
// - differences that are only prunes do nothing without `prune`;
// - the same revision and source are not tried twice: after a failed attempt
//   the app shows SyncError until Git or the source changes; after a success
//   only self-heal syncs again, and only the resources that drifted, after a
//   back-off that grows with each consecutive self-heal (the first at once,
//   then 2 s × 3^(n-1), at most 300 s by default; `autoHealAttemptsCount`
//   carries n from one self-heal to the next);
// - a sync that would delete every resource needs `allowEmpty` (with `prune`);
// - the project's sync windows may forbid it (the app says so);
// - the operation retries as the app's `syncPolicy.retry` says, or 5 times
//   (Argo CD's default for automated syncs) when it says nothing.
// Pure.
import {
  type Application,
  type ApplicationSource,
  type Operation,
  type OperationState,
  type ResourceStatus,
  type RetryStrategy,
  type SyncOperationResource,
} from '@driftless/schema';

export interface SelfHealBackoff {
  /** First wait, seconds (--self-heal-backoff-timeout-seconds, 2). 0: the fixed `timeoutSeconds` instead. */
  backoffSeconds: number;
  factor: number;
  capSeconds: number;
  /** --self-heal-timeout-seconds (legacy, used when backoffSeconds is 0). */
  timeoutSeconds: number;
}

export const DEFAULT_SELF_HEAL: SelfHealBackoff = { backoffSeconds: 2, factor: 3, capSeconds: 300, timeoutSeconds: 0 };

/** Argo CD's retry for an automated sync when the app sets none (appcontroller.go: `RetryStrategy{Limit: 5}`). */
export const DEFAULT_AUTO_SYNC_RETRY: RetryStrategy = { limit: 5 };

export interface AutoSyncInput {
  app: Application;
  syncStatus: string | undefined;
  resources: readonly ResourceStatus[];
  /** The compared revision(s): what auto-sync would deploy. */
  revisions: readonly string[];
  multiSource: boolean;
  now: Date;
  selfHeal: SelfHealBackoff;
  /** The project's sync windows for an automated sync. */
  windows: { allowed: boolean; message: string };
}

export type AutoSyncDecision =
  | { kind: 'none' }
  | { kind: 'error'; message: string }
  | { kind: 'later'; afterMs: number }
  | { kind: 'sync'; operation: Operation };

export function isAutomated(app: Application): boolean {
  const automated = app.spec.syncPolicy?.automated;
  return automated !== undefined && automated !== null && automated.enabled !== false;
}

/** JSON with sorted keys and without undefined/null members: two copies of a source compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) {
      const member = (item as Record<string, unknown>)[key];
      if (member !== undefined && member !== null) sorted[key] = member;
    }
    return sorted;
  });
}

/**
 * The source a sync used against the app's, as Argo CD's alreadyAttemptedSync
 * compares them — but without targetRevision: the revisions are compared on
 * their own (a recorded source may carry the commit it resolved to).
 */
function sameSource(recorded: ApplicationSource | undefined, current: ApplicationSource | undefined): boolean {
  if (!recorded) return true;
  const { targetRevision: _recordedRevision, ...a } = recorded;
  const { targetRevision: _currentRevision, ...b } = current ?? ({} as ApplicationSource);
  return canonical(a) === canonical(b);
}

/** Argo CD's alreadyAttemptedSync: the last sync deployed these revision(s) from this source. */
function alreadyAttempted(state: OperationState | undefined, input: AutoSyncInput): state is OperationState {
  const sync = state?.operation.sync;
  if (!state || !sync) return false;
  const result = state.syncResult;
  if (input.multiSource) {
    const revisions = result?.revisions ?? sync.revisions ?? [];
    if (JSON.stringify(revisions) !== JSON.stringify(input.revisions)) return false;
    const recorded = result?.sources;
    const current = input.app.spec.sources ?? [];
    return !recorded || (recorded.length === current.length && recorded.every((s, i) => sameSource(s, current[i])));
  }
  if ((result?.revision ?? sync.revision) !== input.revisions[0]) return false;
  return sameSource(result?.source, input.app.spec.source);
}

/** How long after the last operation self-heal attempt n+1 may start (k8s wait.Backoff with Steps = n). */
export function selfHealWaitMs(previousAttempts: number, backoff: SelfHealBackoff): number {
  if (backoff.backoffSeconds <= 0) return backoff.timeoutSeconds * 1000;
  if (previousAttempts <= 0) return 0;
  return Math.min(backoff.capSeconds, backoff.backoffSeconds * backoff.factor ** (previousAttempts - 1)) * 1000;
}

export function autoSyncDecision(input: AutoSyncInput): AutoSyncDecision {
  const { app } = input;
  const automated = app.spec.syncPolicy?.automated;
  const state = app.status?.operationState;
  if (!automated || !isAutomated(app)) return { kind: 'none' };
  if (app.operation || state?.phase === 'Running' || state?.phase === 'Terminating') return { kind: 'none' };
  if (app.metadata.deletionTimestamp) return { kind: 'none' };
  if (input.syncStatus !== 'OutOfSync') return { kind: 'none' };
  const outOfSync = input.resources.filter((resource) => resource.status === 'OutOfSync' && !resource.hook);
  const onlyPrunes = outOfSync.every((resource) => resource.requiresPruning);
  if (!automated.prune && onlyPrunes) return { kind: 'none' };
  const revision = input.multiSource ? input.revisions.join(', ') : (input.revisions[0] ?? '');

  let selective: SyncOperationResource[] | undefined;
  let attempts = 0;
  if (alreadyAttempted(state, input)) {
    if (state.phase !== 'Succeeded')
      return { kind: 'error', message: `Failed last sync attempt to ${revision}: ${state.message ?? ''}` };
    if (!automated.selfHeal) return { kind: 'none' };
    attempts = state.operation.sync?.autoHealAttemptsCount ?? 0;
    const since = input.now.getTime() - Date.parse(state.finishedAt ?? state.startedAt);
    const wait = selfHealWaitMs(attempts, input.selfHeal);
    if (since < wait) return { kind: 'later', afterMs: wait - since };
    selective = outOfSync.map((resource) => ({
      group: resource.group ?? '',
      kind: resource.kind ?? '',
      name: resource.name ?? '',
      ...(resource.namespace ? { namespace: resource.namespace } : {}),
    }));
  }
  const live = input.resources.filter((resource) => !resource.hook);
  if (automated.prune && !automated.allowEmpty && live.length > 0 && live.every((resource) => resource.requiresPruning))
    return { kind: 'error', message: `Skipping sync attempt to ${revision}: auto-sync will wipe out all resources` };
  if (!input.windows.allowed) return { kind: 'error', message: input.windows.message };
  const syncOptions = app.spec.syncPolicy?.syncOptions;
  return {
    kind: 'sync',
    operation: {
      sync: {
        ...(input.multiSource ? { revisions: [...input.revisions] } : { revision: input.revisions[0] ?? '' }),
        ...(automated.prune ? { prune: true } : {}),
        ...(syncOptions?.length ? { syncOptions } : {}),
        ...(selective ? { resources: selective, autoHealAttemptsCount: attempts + 1 } : {}),
      },
      initiatedBy: { automated: true },
      retry: app.spec.syncPolicy?.retry ?? { ...DEFAULT_AUTO_SYNC_RETRY },
    },
  };
}
