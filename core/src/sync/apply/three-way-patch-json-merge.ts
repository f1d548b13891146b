// The three-way JSON merge patch (RFC 7386) of `kubectl apply` for custom resources, which have no
// merge keys: maps merge, every list is replaced whole. kubectl takes the additions and changes
// from current → modified with nulls dropped, and only the nulls from original → modified. So a
// null in the manifest deletes a field only while the last applied configuration did not already
// hold that null, unlike strategic merge, which deletes it every time.
import { deepEqual, isJsonObject, type JsonObject, type JsonValue } from '@driftless/diff';
import { own } from './three-way-patch-own';

export function jsonMergeThreeWayPatch(
  original: JsonObject | undefined,
  modified: JsonObject,
  current: JsonObject,
): JsonObject {
  const patch: JsonObject = {};
  for (const [field, value] of Object.entries(modified)) {
    const change = diffField(own(original, field), value, own(current, field));
    if (change !== undefined) patch[field] = change;
  }
  for (const field of Object.keys(original ?? {})) {
    if (!Object.hasOwn(modified, field) && own(current, field) !== undefined) patch[field] = null;
  }
  return patch;
}

/** The patch value for one declared field, or undefined when it needs none. */
function diffField(
  original: JsonValue | undefined,
  modified: JsonValue,
  current: JsonValue | undefined,
): JsonValue | undefined {
  if (modified === null) return original !== null && current !== undefined ? null : undefined;
  if (isJsonObject(modified) && isJsonObject(current)) {
    const child = jsonMergeThreeWayPatch(isJsonObject(original) ? original : undefined, modified, current);
    return Object.keys(child).length > 0 ? child : undefined;
  }
  return deepEqual(modified, current) ? undefined : withoutNulls(modified);
}

/**
 * A value set whole, as kubectl's additions patch carries it: nulls inside maps are dropped, a
 * map left empty by that is no change at all, while a map that was empty in the manifest stays.
 * Lists are values and keep what they hold.
 */
function withoutNulls(value: JsonValue): JsonValue | undefined {
  if (!isJsonObject(value)) return value;
  const fields = Object.entries(value);
  if (fields.length === 0) return value;
  const kept: JsonObject = {};
  for (const [field, child] of fields) {
    const cleaned = child === null ? undefined : withoutNulls(child);
    if (cleaned !== undefined) kept[field] = cleaned;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}
