// RespectIgnoreDifferences=true: a sync applies the desired object with the
// fields its ignoreDifferences rules name taken from the live object (or left
// out when live has none), so it does not revert what the rules say belongs
// to someone else (an autoscaler's replicas, a mutating webhook's fields).
// jsonPointers and jqPathExpressions are resolved on both objects; fields
// owned by managedFieldsManagers take the live value. Pure.
import { DiffError } from './errors';
import { deepEqual, isJsonObject, type JsonObject, type JsonValue } from './json';
import { matchesKeys, ownedFieldPaths, type FieldPath } from './managed-fields';
import { resourceKeyOf, type KubeObject } from './resource-key';
import { matchingIgnoreRules, type DiffConfig } from './settings';

type PathKey = string | number;

function valueAt(value: JsonValue | undefined, path: readonly PathKey[]): JsonValue | undefined {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current)) {
      const index = typeof key === 'number' ? key : /^(0|[1-9]\d*)$/.test(key) ? Number(key) : Number.NaN;
      current = Number.isInteger(index) ? current[index] : undefined;
    } else if (isJsonObject(current)) current = current[String(key)];
    else return undefined;
  }
  return current;
}

/** Sets (or with `undefined`, removes) the value at `path`; missing objects on the way are created, arrays are not extended. */
function withValueAt(value: JsonValue, path: readonly PathKey[], replacement: JsonValue | undefined): JsonValue {
  if (path.length === 0) return replacement ?? value;
  const [key, ...rest] = path as [PathKey, ...PathKey[]];
  if (Array.isArray(value)) {
    const index = typeof key === 'number' ? key : Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= value.length) return value;
    const copy = value.slice();
    if (rest.length === 0 && replacement === undefined) copy.splice(index, 1);
    else copy[index] = withValueAt(value[index] as JsonValue, rest, replacement);
    return copy;
  }
  const object: JsonObject = isJsonObject(value) ? { ...value } : {};
  const name = String(key);
  if (rest.length === 0) {
    if (replacement === undefined) delete object[name];
    else object[name] = replacement;
    return object;
  }
  if (!(name in object) && replacement === undefined) return object;
  object[name] = withValueAt(object[name] ?? {}, rest, replacement);
  return object;
}

/** A managedFields path as indexes into `object` (list items found by their keys); undefined when absent. */
function indexPath(path: FieldPath, object: JsonObject): PathKey[] | undefined {
  const keys: PathKey[] = [];
  let current: JsonValue | undefined = object;
  for (const step of path) {
    if (step.kind === 'field') {
      if (!isJsonObject(current) || !(step.name in current)) return undefined;
      keys.push(step.name);
      current = current[step.name];
      continue;
    }
    if (!Array.isArray(current)) return undefined;
    const index =
      step.kind === 'index'
        ? step.index
        : current.findIndex((item) =>
            step.kind === 'key' ? matchesKeys(item, step.keys) : deepEqual(item, step.value),
          );
    if (index < 0 || index >= current.length) return undefined;
    keys.push(index);
    current = current[index];
  }
  return keys;
}

export function keepIgnoredLiveValues(
  desired: KubeObject,
  live: KubeObject | undefined,
  config: DiffConfig,
): KubeObject {
  if (!live) return desired;
  const rules = matchingIgnoreRules(config, resourceKeyOf(desired));
  if (rules.length === 0) return desired;
  const paths: PathKey[][] = [];
  for (const rule of rules) {
    paths.push(...rule.jsonPointers);
    for (const { paths: pathsOf } of rule.jqPathExpressions) {
      try {
        paths.push(...pathsOf(live), ...pathsOf(desired));
      } catch (error) {
        // A rule that cannot run is skipped here as in the comparison (which reports it).
        if (!(error instanceof DiffError)) throw error;
      }
    }
  }
  let result: JsonValue = desired;
  for (const path of paths) {
    if (path.length === 0) continue;
    result = withValueAt(result, path, valueAt(live, path));
  }
  // Fields a trusted manager owns: the live value, at the same list item of the desired object.
  const managers = rules.flatMap((rule) => rule.managedFieldsManagers);
  for (const owned of managers.length ? ownedFieldPaths(live, managers) : []) {
    const livePath = indexPath(owned, live);
    const desiredPath = indexPath(owned.slice(0, -1), result as JsonObject);
    const leaf = owned[owned.length - 1];
    if (!livePath || !desiredPath || leaf?.kind !== 'field') continue;
    result = withValueAt(result, [...desiredPath, leaf.name], valueAt(live, livePath));
  }
  return result as KubeObject;
}
