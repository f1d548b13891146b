// The JSON patch that moves an Application's status to what a refresh found,
// touching only the fields the refresh owns (operationState and history
// belong to the sync engine) — or nothing when none of them changed, so a
// quiet refresh costs the API server nothing. reconciledAt/observedAt move
// only with a real change or when a refresh was asked for (a user's refresh
// must be visible). Pure.
import { isDeepStrictEqual } from 'node:util';
import { type ApplicationStatus } from '@driftless/schema';

export const REFRESH_STATUS_FIELDS = [
  'sync',
  'health',
  'resources',
  'conditions',
  'summary',
  'sourceType',
  'sourceTypes',
  'controllerNamespace',
] as const satisfies readonly (keyof ApplicationStatus)[];

export type RefreshStatus = Pick<ApplicationStatus, (typeof REFRESH_STATUS_FIELDS)[number]>;

export type JsonPatchOperation =
  | { op: 'add' | 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'test'; path: string; value: unknown };

export function statusPatch(
  current: ApplicationStatus | undefined,
  next: RefreshStatus,
  options: { now: string; touch: boolean; resourceVersion?: string | undefined },
): JsonPatchOperation[] {
  const operations: JsonPatchOperation[] = [];
  for (const field of REFRESH_STATUS_FIELDS) {
    const before = current?.[field];
    const after = next[field];
    if (isDeepStrictEqual(normalize(before), normalize(after))) continue;
    if (after === undefined) operations.push({ op: 'remove', path: `/status/${field}` });
    else operations.push({ op: 'add', path: `/status/${field}`, value: after });
  }
  if (operations.length === 0 && !options.touch) return [];
  operations.push({ op: 'add', path: '/status/reconciledAt', value: options.now });
  operations.push({ op: 'add', path: '/status/observedAt', value: options.now });
  if (!current) {
    // Creating the status object must not replace one the sync engine wrote meanwhile (its operationState):
    // only when the app is still the copy this refresh read.
    const guard: JsonPatchOperation[] =
      options.resourceVersion !== undefined
        ? [{ op: 'test', path: '/metadata/resourceVersion', value: options.resourceVersion }]
        : [];
    return [...guard, { op: 'add', path: '/status', value: {} }, ...operations.filter((op) => op.op !== 'remove')];
  }
  return operations;
}

/** Empty lists and objects count as absent, as the API server stores them. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value;
  if (value && typeof value === 'object' && Object.keys(value).length === 0) return undefined;
  return value;
}
