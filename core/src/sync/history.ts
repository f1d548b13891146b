// `status.history`: one entry per successful, non-dry-run, whole-app sync,
// numbered on from the last id, trimmed to `revisionHistoryLimit` (default
// 10). Rollback picks an entry by id. Pure.
import {
  type Application,
  type OperationState,
  type RevisionHistory,
  type SyncOperationResult,
} from '@driftless/schema';

export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

export function appendHistory(
  app: Application,
  state: OperationState,
  result: SyncOperationResult,
  deployedAt: string,
): RevisionHistory[] {
  const history = app.status?.history ?? [];
  const lastId = history.length ? Math.max(...history.map((entry) => entry.id)) : -1;
  const entry: RevisionHistory = {
    id: lastId + 1,
    deployedAt,
    deployStartedAt: state.startedAt,
    ...(result.revisions ? { revisions: result.revisions } : { revision: result.revision }),
    ...(result.sources ? { sources: result.sources } : result.source ? { source: result.source } : {}),
    ...(state.operation.initiatedBy ? { initiatedBy: state.operation.initiatedBy } : {}),
  };
  const limit = app.spec.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
  return limit <= 0 ? [] : [...history, entry].slice(-limit);
}

/** Argo CD records history only for a whole-app sync that changed the cluster. */
export function recordsHistory(state: OperationState): boolean {
  const sync = state.operation.sync;
  return state.phase === 'Succeeded' && !sync?.dryRun && !(sync?.resources && sync.resources.length > 0);
}
