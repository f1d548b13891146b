// `driftless app rollback APPNAME [ID]`: which history entry, whether a
// rollback is allowed, and the sync operation that redeploys the entry's
// revision and source(s) — Argo CD's rollback is a sync with the apply
// strategy (no hooks) and the app's sync options. Pure.
import { type Application, type Operation, type RevisionHistory } from '@driftless/schema';
import { OperationRefusal } from './operation-refusal';
import { isAutoSyncEnabled } from './sync-operation';

/** The entry ID names, or (no ID) the one before the current deployment. */
export function chooseHistoryEntry(app: Application, id: number | undefined): RevisionHistory {
  const history = app.status?.history ?? [];
  const name = app.metadata.name ?? '';
  if (id === undefined) {
    const previous = history[history.length - 2];
    if (!previous)
      throw new OperationRefusal(
        `application '${name}' should have at least two successful deployments to roll back without an ID — see: driftless app history ${name}`,
      );
    return previous;
  }
  const entry = history.find((candidate) => candidate.id === id);
  if (!entry)
    throw new OperationRefusal(
      `application ${name} does not have deployment with id ${id} — see: driftless app history ${name}`,
      'BAD_USER_INPUT',
    );
  return entry;
}

export interface RollbackRequest {
  prune: boolean;
  dryRun: boolean;
  username: string;
}

/** The refusals of Argo CD's Rollback, then the operation. */
export function buildRollbackOperation(app: Application, id: number | undefined, request: RollbackRequest): Operation {
  if (app.metadata.deletionTimestamp) throw new OperationRefusal(`application ${app.metadata.name ?? ''} is deleting`);
  if (isAutoSyncEnabled(app) && !request.dryRun)
    throw new OperationRefusal('rollback cannot be initiated when auto-sync is enabled');
  const entry = chooseHistoryEntry(app, id);
  const { source, sources, revision, revisions } = entry;
  if (!sources?.length && !source?.repoURL)
    throw new OperationRefusal(
      `history entry ${entry.id} records no source (deployed by Argo CD 0.11 or older): sync to its revision instead`,
    );
  const syncOptions = app.spec.syncPolicy?.syncOptions ?? [];
  return {
    sync: {
      ...(sources?.length
        ? { sources, ...(revisions ? { revisions } : {}) }
        : { ...(source ? { source } : {}), ...(revision !== undefined ? { revision } : {}) }),
      prune: request.prune,
      dryRun: request.dryRun,
      syncStrategy: { apply: {} },
      ...(syncOptions.length > 0 ? { syncOptions } : {}),
    },
    initiatedBy: { username: request.username },
  };
}
