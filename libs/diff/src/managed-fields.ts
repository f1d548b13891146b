// `managedFieldsManagers`: fields that a trusted manager owns (metadata.managedFields, FieldsV1)
// are dropped from desired, live and last-applied so the live value wins and no drift is shown.
// FieldsV1 keys: `f:<field>`, `k:<json of list-map keys>`, `v:<json value of a set item>`,
// `i:<index>`, and `.` for the node itself (ownership of a container, not of its contents, so a
// `.` alone never hides sibling fields owned by someone else).
import { deepEqual, isJsonObject, type JsonObject, type JsonValue } from './json';

export type FieldStep =
  | { kind: 'field'; name: string }
  | { kind: 'key'; keys: JsonObject }
  | { kind: 'value'; value: JsonValue }
  | { kind: 'index'; index: number };
export type FieldPath = FieldStep[];

function parseStep(key: string): FieldStep | undefined {
  const body = key.slice(2);
  try {
    if (key.startsWith('f:')) return { kind: 'field', name: body };
    if (key.startsWith('k:')) {
      const keys = JSON.parse(body) as JsonValue;
      return isJsonObject(keys) ? { kind: 'key', keys } : undefined;
    }
    if (key.startsWith('v:')) return { kind: 'value', value: JSON.parse(body) as JsonValue };
    if (key.startsWith('i:')) return { kind: 'index', index: Number(body) };
  } catch {
    return undefined;
  }
  return undefined;
}

function collectLeaves(fields: JsonObject, prefix: FieldPath, out: FieldPath[]): void {
  const parent = prefix[prefix.length - 1];
  for (const [key, child] of Object.entries(fields)) {
    if (key === '.') continue;
    const step = parseStep(key);
    if (!step) continue;
    // The key fields of a `k:` item identify it; removing them would orphan the item's other fields.
    if (parent?.kind === 'key' && step.kind === 'field' && step.name in parent.keys) continue;
    const path = [...prefix, step];
    const childKeys = isJsonObject(child) ? Object.keys(child).filter((name) => name !== '.') : [];
    if (childKeys.length === 0) out.push(path);
    else collectLeaves(child as JsonObject, path, out);
  }
}

/** Leaf field paths owned by any of `managers` in the live object's managedFields. */
export function ownedFieldPaths(live: JsonObject, managers: readonly string[]): FieldPath[] {
  const metadata = live.metadata;
  const entries = isJsonObject(metadata) ? metadata.managedFields : undefined;
  if (!Array.isArray(entries) || managers.length === 0) return [];
  const paths: FieldPath[] = [];
  for (const entry of entries) {
    if (!isJsonObject(entry) || typeof entry.manager !== 'string' || !managers.includes(entry.manager)) continue;
    if (isJsonObject(entry.fieldsV1)) collectLeaves(entry.fieldsV1, [], paths);
  }
  return paths;
}

export function matchesKeys(item: JsonValue, keys: JsonObject): boolean {
  return isJsonObject(item) && Object.keys(keys).every((name) => deepEqual(item[name], keys[name]));
}

function removeStep(value: JsonValue, path: FieldPath, depth: number): JsonValue {
  const step = path[depth] as FieldStep;
  const last = depth === path.length - 1;
  if (step.kind === 'field') {
    if (!isJsonObject(value) || !(step.name in value)) return value;
    const copy: JsonObject = { ...value };
    if (last) delete copy[step.name];
    else copy[step.name] = removeStep(value[step.name] as JsonValue, path, depth + 1);
    return copy;
  }
  if (!Array.isArray(value)) return value;
  if (step.kind === 'value') return last ? value.filter((item) => !deepEqual(item, step.value)) : value;
  const index = step.kind === 'index' ? step.index : value.findIndex((item) => matchesKeys(item, step.keys));
  if (index < 0 || index >= value.length) return value;
  const copy = value.slice();
  if (last) copy.splice(index, 1);
  else copy[index] = removeStep(value[index] as JsonValue, path, depth + 1);
  return copy;
}

export function removeFieldPaths(object: JsonObject, paths: readonly FieldPath[]): JsonObject {
  let result: JsonValue = object;
  for (const path of paths) result = removeStep(result, path, 0);
  return result as JsonObject;
}
