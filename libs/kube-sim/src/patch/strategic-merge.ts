// Strategic merge patch as kube-apiserver applies it to built-in kinds: maps
// merge, lists with a merge key merge item by item, `merge` lists of scalars
// form a union, other lists are replaced; the $patch, $retainKeys,
// $setElementOrder and $deleteFromPrimitiveList directives are honoured.
import { ApiError } from '../api/status';
import { isPlainObject, type JsonObject, text } from '../store/kube-object';
import type { MergeSchema } from './schema';

const DELETE = Symbol('delete');
const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

export function applyStrategicMergePatch(original: JsonObject, patch: JsonObject, schema: MergeSchema): JsonObject {
  const result = mergeMap(original, patch, schema);
  return result === DELETE ? {} : result;
}

function childSchema(schema: MergeSchema | undefined, key: string): MergeSchema | undefined {
  return schema?.fields?.[key] ?? (schema?.fields ? undefined : schema?.items);
}

function mergeMap(
  original: JsonObject,
  patch: JsonObject,
  schema: MergeSchema | undefined,
): JsonObject | typeof DELETE {
  const directive = patch.$patch;
  if (directive === 'delete') return DELETE;
  if (directive === 'replace') return stripDirectives(patch) as JsonObject;
  if (directive !== undefined && directive !== 'merge') {
    throw new ApiError(422, 'Invalid', `strategic merge patch: unknown $patch directive "${text(directive)}"`);
  }
  const result: JsonObject = { ...original };
  const orders: [string, unknown[]][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith(SET_ORDER)) {
      if (Array.isArray(value)) orders.push([key.slice(SET_ORDER.length), value]);
      continue;
    }
    if (key.startsWith(DELETE_FROM)) {
      const field = key.slice(DELETE_FROM.length);
      const current = result[field];
      if (Array.isArray(current) && Array.isArray(value))
        result[field] = current.filter((item) => !value.includes(item));
      continue;
    }
    const fieldSchema = childSchema(schema, key);
    if (value === null) {
      delete result[key];
    } else if (isPlainObject(value)) {
      const base = isPlainObject(result[key]) ? result[key] : {};
      const merged = mergeMap(base, value, fieldSchema);
      if (merged === DELETE) delete result[key];
      else result[key] = merged;
    } else if (Array.isArray(value)) {
      result[key] = mergeList(result[key], value, fieldSchema);
    } else {
      result[key] = value;
    }
  }
  for (const [field, order] of orders) {
    const list = result[field];
    if (Array.isArray(list)) result[field] = applyOrder(list, order, childSchema(schema, field)?.mergeKey);
  }
  const retainKeys = patch.$retainKeys;
  if (Array.isArray(retainKeys)) {
    for (const key of Object.keys(result)) if (!retainKeys.includes(key)) delete result[key];
  }
  return result;
}

function mergeList(original: unknown, patch: unknown[], schema: MergeSchema | undefined): unknown[] {
  const strategy = schema?.patchStrategy ?? '';
  const base: unknown[] = Array.isArray(original) ? (original as unknown[]) : [];
  if (patch.some((item) => isPlainObject(item) && item.$patch === 'replace')) {
    return patch.filter((item) => !(isPlainObject(item) && item.$patch === 'replace')).map(stripDirectives);
  }
  if (!strategy.includes('merge')) return patch.map(stripDirectives);
  const mergeKey = schema?.mergeKey;
  if (!mergeKey) {
    const union = [...base];
    for (const item of patch) if (!union.some((existing) => existing === item)) union.push(item);
    return union;
  }
  const result: unknown[] = [...base];
  for (const item of patch) {
    if (!isPlainObject(item)) {
      throw new ApiError(422, 'Invalid', `strategic merge patch: list items merged by "${mergeKey}" must be objects`);
    }
    const keyValue = item[mergeKey];
    if (keyValue === undefined) {
      throw new ApiError(422, 'Invalid', `strategic merge patch: list item is missing its merge key "${mergeKey}"`);
    }
    const index = result.findIndex((existing) => isPlainObject(existing) && existing[mergeKey] === keyValue);
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) {
      const merged = mergeMap(result[index] as JsonObject, item, schema?.items);
      if (merged === DELETE) result.splice(index, 1);
      else result[index] = merged;
    } else {
      result.push(stripDirectives(item));
    }
  }
  return result;
}

/** $setElementOrder: items named in the order list come first, in that order; the rest keep theirs. */
function applyOrder(list: unknown[], order: unknown[], mergeKey: string | undefined): unknown[] {
  const keyOf = (item: unknown): unknown => (mergeKey && isPlainObject(item) ? item[mergeKey] : item);
  const orderKeys = order.map(keyOf);
  const ranked = list.map((item, index) => {
    const rank = orderKeys.indexOf(keyOf(item));
    return { item, rank: rank < 0 ? orderKeys.length + index : rank };
  });
  return ranked.sort((a, b) => a.rank - b.rank).map((entry) => entry.item);
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isPlainObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('$')) continue;
    if (child === null) continue;
    result[key] = stripDirectives(child);
  }
  return result;
}
