// The `operation` a sync request writes (the API's syncApplication, `driftless
// app sync --core`), from the request and the Application, with the checks Argo CD's API server makes before its Sync
// (server/application Sync): a revision other than the auto-synced one is
// refused, --revision needs a single-source app, selectors must pick
// something. Pure.
import { type Application, type Operation, type RetryStrategy, type SyncStrategy } from '@driftless/schema';
import { OperationRefusal } from './operation-refusal';
import { formatResourceSelector, selectResources, type ResourceSelector } from './resource-selector';

export interface SyncRequest {
  revision?: string;
  prune: boolean;
  dryRun: boolean;
  force: boolean;
  strategy?: 'apply' | 'hook';
  resources: ResourceSelector[];
  /** --sync-option values, already checked. */
  syncOptions: string[];
  applyOutOfSyncOnly: boolean;
  replace: boolean;
  serverSide: boolean;
  retryLimit: number;
  retryBackoffDuration: string;
  retryBackoffMaxDuration: string;
  retryBackoffFactor: number;
  info: [string, string][];
  username: string;
}

export function isAutoSyncEnabled(app: Application): boolean {
  const automated = app.spec.syncPolicy?.automated;
  return automated !== undefined && automated.enabled !== false;
}

export function hasMultipleSources(app: Application): boolean {
  return (app.spec.sources?.length ?? 0) > 0;
}

const optionKey = (item: string): string => {
  const at = item.indexOf('=');
  return (at < 0 ? item : item.slice(0, at)).trim();
};

/**
 * The app's own sync options with the command's on top, key by key. (Argo
 * CD's CLI sends only the command's when it has any, which silently drops
 * e.g. the app's CreateNamespace=true for one sync; keeping them is what a
 * user expects.)
 */
export function mergeSyncOptions(appOptions: readonly string[], commandOptions: readonly string[]): string[] {
  const merged = new Map<string, string>();
  for (const item of [...appOptions, ...commandOptions]) merged.set(optionKey(item), item.trim());
  return [...merged.values()];
}

function commandSyncOptions(request: SyncRequest): string[] {
  return [
    ...request.syncOptions,
    ...(request.replace ? ['Replace=true'] : []),
    ...(request.serverSide ? ['ServerSideApply=true'] : []),
    ...(request.applyOutOfSyncOnly ? ['ApplyOutOfSyncOnly=true'] : []),
  ];
}

function syncStrategy(request: SyncRequest): SyncStrategy {
  const settings = request.force ? { force: true } : {};
  return request.strategy === 'apply' ? { apply: settings } : { hook: settings };
}

/** --retry-limit (non-zero) replaces the app's retry policy for this sync; otherwise the app's applies. */
function retryStrategy(app: Application, request: SyncRequest): RetryStrategy | undefined {
  if (request.retryLimit === 0) return app.spec.syncPolicy?.retry;
  return {
    limit: request.retryLimit,
    backoff: {
      duration: request.retryBackoffDuration,
      maxDuration: request.retryBackoffMaxDuration,
      factor: request.retryBackoffFactor,
    },
  };
}

export function buildSyncOperation(app: Application, request: SyncRequest): Operation {
  const name = app.metadata.name ?? '';
  if (app.metadata.deletionTimestamp) throw new OperationRefusal(`application ${name} is being deleted`);
  if (request.revision !== undefined && hasMultipleSources(app))
    throw new OperationRefusal(
      `a revision cannot be given for the multi-source application ${name}: set each source's targetRevision instead`,
      'BAD_USER_INPUT',
    );
  const targetRevision = app.spec.source?.targetRevision || 'HEAD';
  // As Argo CD: a dry run may preview another revision even with auto-sync on.
  if (
    request.revision !== undefined &&
    isAutoSyncEnabled(app) &&
    !request.dryRun &&
    request.revision !== targetRevision
  )
    throw new OperationRefusal(`Cannot sync to ${request.revision}: auto-sync currently set to ${targetRevision}`);

  // No selector: the whole app (no `resources`), which runs hooks and records history.
  const resources = request.resources.length > 0 ? selectResources(request.resources, app.status?.resources ?? []) : [];
  if (request.resources.length > 0 && resources.length === 0)
    throw new OperationRefusal(
      `No matching app resources found for resource filter: ${request.resources.map(formatResourceSelector).join(', ')}`,
      'BAD_USER_INPUT',
    );

  const syncOptions = mergeSyncOptions(app.spec.syncPolicy?.syncOptions ?? [], commandSyncOptions(request));
  const retry = retryStrategy(app, request);
  return {
    sync: {
      ...(request.revision !== undefined ? { revision: request.revision } : {}),
      prune: request.prune,
      dryRun: request.dryRun,
      syncStrategy: syncStrategy(request),
      ...(resources.length > 0 ? { resources } : {}),
      ...(syncOptions.length > 0 ? { syncOptions } : {}),
    },
    initiatedBy: { username: request.username },
    ...(request.info.length > 0 ? { info: request.info.map(([infoName, value]) => ({ name: infoName, value })) } : {}),
    ...(retry ? { retry } : {}),
  };
}
