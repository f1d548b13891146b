// Whether a refreshed app syncs itself (`syncPolicy.automated`), as Argo CD
// decides it after every comparison:
// - only an enabled policy, with no operation running, an app not being
//   deleted, and sync status OutOfSync;
// - differences that are only prunes do nothing without `prune`; a sync that
//   would delete every resource needs `allowEmpty`;
// - the same revision is not tried twice: after a failed attempt the app
//   shows SyncError until Git changes; after a success only self-heal syncs
//   again, and only the resources that drifted, after a back-off that grows
//   with each attempt (2 s × 3^n, at most 300 s by default);
// - the project's sync windows may forbid it (the app says so).
// Pure.
import {
  type Application,
  type Operation,
  type OperationState,
  type ResourceStatus,
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

function sameRevisions(state: OperationState | undefined, input: AutoSyncInput): boolean {
  const sync = state?.operation.sync;
  if (!sync) return false;
  if (input.multiSource)
    return JSON.stringify(state.syncResult?.revisions ?? sync.revisions ?? []) === JSON.stringify(input.revisions);
  return (state.syncResult?.revision ?? sync.revision) === input.revisions[0];
}

function selfHealWaitMs(attempts: number, backoff: SelfHealBackoff): number {
  if (backoff.backoffSeconds <= 0) return backoff.timeoutSeconds * 1000;
  return Math.min(backoff.capSeconds, backoff.backoffSeconds * backoff.factor ** attempts) * 1000;
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
  const live = input.resources.filter((resource) => !resource.hook);
  if (automated.prune && !automated.allowEmpty && live.length > 0 && live.every((resource) => resource.requiresPruning))
    return { kind: 'error', message: `Skipping sync attempt to ${revision}: auto-sync will wipe out all resources` };

  let selective: SyncOperationResource[] | undefined;
  let attempts = 0;
  if (sameRevisions(state, input) && state) {
    if (state.phase === 'Failed' || state.phase === 'Error')
      return { kind: 'error', message: `Failed last sync attempt to ${revision}: ${state.message ?? ''}` };
    if (!automated.selfHeal) return { kind: 'none' };
    attempts = (state.operation.sync?.autoHealAttemptsCount ?? 0) + (state.operation.initiatedBy?.automated ? 1 : 0);
    const since = input.now.getTime() - Date.parse(state.finishedAt ?? state.startedAt);
    const wait = selfHealWaitMs(Math.max(0, attempts - 1), input.selfHeal);
    if (since < wait) return { kind: 'later', afterMs: wait - since };
    selective = outOfSync.map((resource) => ({
      group: resource.group ?? '',
      kind: resource.kind ?? '',
      name: resource.name ?? '',
      ...(resource.namespace ? { namespace: resource.namespace } : {}),
    }));
  }
  if (!input.windows.allowed) return { kind: 'error', message: input.windows.message };
  const syncOptions = app.spec.syncPolicy?.syncOptions;
  const retry = app.spec.syncPolicy?.retry;
  return {
    kind: 'sync',
    operation: {
      sync: {
        ...(input.multiSource ? { revisions: [...input.revisions] } : { revision: input.revisions[0] ?? '' }),
        ...(automated.prune ? { prune: true } : {}),
        ...(syncOptions?.length ? { syncOptions } : {}),
        ...(selective ? { resources: selective, autoHealAttemptsCount: attempts } : {}),
      },
      initiatedBy: { automated: true },
      ...(retry ? { retry } : {}),
    },
  };
}
