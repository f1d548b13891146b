// The syncApplication arguments as the sync builder's request, checked the
// way the CLI checks its flags: known sync options only, Go durations, non-
// empty selectors and notes. Pure.
import { parseDuration } from '@driftless/diff';
import { invalidSyncOptions } from '../../sync/sync-options';
import { type ResourceSelector } from '../operations/resource-selector';
import { InputProblem } from './application-input';
import { type SyncParameters } from './application-operations.service';

export interface SyncArguments {
  revision: string | null;
  resources:
    readonly { group: string; kind: string; name: string; namespace?: string | null; exclude: boolean }[] | null;
  prune: boolean;
  dryRun: boolean;
  strategy: { type: 'apply' | 'hook'; force: boolean } | null;
  syncOptions: readonly string[] | null;
  retry: { limit: number; backoff?: { duration: string; maxDuration: string; factor: number } | null } | null;
  infos: readonly { name: string; value: string }[] | null;
}

function duration(value: string, field: string): string {
  const nanoseconds = parseDuration(value);
  if (nanoseconds === undefined || nanoseconds < 0)
    throw new InputProblem(`retry.backoff.${field} "${value}" is not a duration (e.g. 5s, 2m, 1h30m)`);
  return value.trim();
}

function selector(resource: NonNullable<SyncArguments['resources']>[number]): ResourceSelector {
  if (resource.kind === '' || resource.name === '')
    throw new InputProblem('every resource to sync needs a kind and a name (`*` matches any)');
  return {
    group: resource.group,
    kind: resource.kind,
    name: resource.name,
    exclude: resource.exclude,
    ...(resource.namespace ? { namespace: resource.namespace } : {}),
  };
}

export function syncParameters(args: SyncArguments): SyncParameters {
  const [optionProblem] = invalidSyncOptions(args.syncOptions ?? []);
  if (optionProblem !== undefined) throw new InputProblem(optionProblem);
  if (args.revision != null && args.revision.trim() === '')
    throw new InputProblem('revision is empty: omit it to sync the target revision');
  const backoff = args.retry?.backoff;
  if (args.retry && (!Number.isSafeInteger(args.retry.limit) || args.retry.limit === 0))
    throw new InputProblem(
      'retry.limit must be a non-zero whole number (negative: no limit); omit retry to use the app’s',
    );
  if (backoff && !(backoff.factor >= 1)) throw new InputProblem('retry.backoff.factor must be at least 1');
  for (const info of args.infos ?? [])
    if (info.name.trim() === '') throw new InputProblem('an operation info needs a name');
  return {
    ...(args.revision != null ? { revision: args.revision.trim() } : {}),
    prune: args.prune,
    dryRun: args.dryRun,
    force: args.strategy?.force ?? false,
    ...(args.strategy ? { strategy: args.strategy.type } : {}),
    resources: (args.resources ?? []).map(selector),
    syncOptions: (args.syncOptions ?? []).map((option) => option.trim()),
    applyOutOfSyncOnly: false,
    replace: false,
    serverSide: false,
    retryLimit: args.retry?.limit ?? 0,
    retryBackoffDuration: duration(backoff?.duration ?? '5s', 'duration'),
    retryBackoffMaxDuration: duration(backoff?.maxDuration ?? '3m', 'maxDuration'),
    retryBackoffFactor: backoff?.factor ?? 2,
    info: (args.infos ?? []).map((info): [string, string] => [info.name, info.value]),
  };
}
