// How strategic merge treats a field of a built-in kind, as kubectl learns it from the Go struct
// tags (patchStrategy, patchMergeKey). The merge keys themselves live in @driftless/diff, keyed by
// field name; this file adds the few places where a field name alone is ambiguous.
import { isSetList, mergeKeyFor } from '@driftless/diff';

/** Where a value sits: the object's kind and the field names from the root (`[]` = a list item). */
export interface FieldLocation {
  readonly kind: string;
  readonly path: readonly string[];
}

export const LIST_ITEM = '[]';

export type ListStrategy =
  | { readonly type: 'keyed'; readonly mergeKey: string; readonly retainKeys: boolean }
  | { readonly type: 'set' }
  | { readonly type: 'atomic' };

const ATOMIC: ListStrategy = { type: 'atomic' };
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
/** Lists whose items carry `patchStrategy: merge,retainKeys`: a volume switching source drops the old one. */
const RETAIN_KEYS_ITEMS = new Set(['volumes', 'resourceClaims']);

export function childLocation(location: FieldLocation, field: string): FieldLocation {
  return { kind: location.kind, path: [...location.path, field] };
}

export function listItemLocation(location: FieldLocation, field: string): FieldLocation {
  return { kind: location.kind, path: [...location.path, field, LIST_ITEM] };
}

export function listStrategyAt(location: FieldLocation, field: string): ListStrategy {
  const { path } = location;
  if (field === 'ports') {
    // Container ports and Service ports merge; NetworkPolicy and Endpoints ports are atomic.
    const parentList = path.at(-1) === LIST_ITEM ? path.at(-2) : undefined;
    if (parentList !== undefined && CONTAINER_LISTS.has(parentList)) return keyed('containerPort', false);
    if (location.kind === 'Service' && path.length === 1 && path[0] === 'spec') return keyed('port', false);
    return ATOMIC;
  }
  // A ServiceAccount's imagePullSecrets are atomic; only a pod spec's merge by name.
  if (field === 'imagePullSecrets' && path.length === 0) return ATOMIC;
  // ObjectMeta.finalizers is a set; Namespace spec.finalizers is atomic.
  if (isSetList(field)) return path.at(-1) === 'metadata' ? { type: 'set' } : ATOMIC;
  const mergeKey = mergeKeyFor(field, undefined);
  return mergeKey === undefined ? ATOMIC : keyed(mergeKey, RETAIN_KEYS_ITEMS.has(field));
}

/** Maps with `patchStrategy: retainKeys`: Deployment spec.strategy (Recreate must drop rollingUpdate). */
export function retainsKeysAt(location: FieldLocation, field: string): boolean {
  return location.kind === 'Deployment' && field === 'strategy' && location.path.join('.') === 'spec';
}

function keyed(mergeKey: string, retainKeys: boolean): ListStrategy {
  return { type: 'keyed', mergeKey, retainKeys };
}
