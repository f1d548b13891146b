// JSON value types and the few structural helpers every other module shares.
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonObject | JsonValue[];
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `object.a.b.c`, or undefined when any step is missing or not an object. */
export function getIn(value: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let current = value;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * Returns a copy of `value` with the object at `path` replaced by `update(old)`; the objects along
 * the path are shallow-copied and everything else is shared. Inputs are never mutated, so live
 * objects from an informer cache can be compared without a deep clone.
 */
export function updateIn(
  value: JsonObject,
  path: readonly string[],
  update: (current: JsonValue | undefined) => JsonValue | undefined,
): JsonObject {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const copy: JsonObject = { ...value };
  const child = value[head];
  const next = rest.length === 0 ? update(child) : isJsonObject(child) ? updateIn(child, rest, update) : child;
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** Copy of `value` without `path` (a no-op copy-free return when the path is absent). */
export function removeIn(value: JsonObject, path: readonly string[]): JsonObject {
  const parent = path.length === 1 ? value : getIn(value, path.slice(0, -1));
  const last = path[path.length - 1];
  if (last === undefined || !isJsonObject(parent) || !(last in parent)) return value;
  return updateIn(value, path, () => undefined);
}

export function deepEqual(left: JsonValue | undefined, right: JsonValue | undefined): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => deepEqual(item, right[index]));
  }
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  return leftKeys.every((key) => key in right && deepEqual(left[key], right[key]));
}

export function deepClone<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => deepClone(item)) as T;
  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const key of Object.keys(value)) copy[key] = deepClone(value[key] as JsonValue);
    return copy as T;
  }
  return value;
}
