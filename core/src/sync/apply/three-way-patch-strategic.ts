// The three-way strategic merge patch of `kubectl apply` for built-in kinds. kubectl computes two
// diffs and merges them: current → modified without deletions (what to set), and original →
// modified with deletions only (what the manifest stopped declaring). We walk the three objects
// once and emit the same directives, leaving out deletions of fields the live object no longer
// has: the server would ignore them, and an empty patch must mean "in sync".
import { deepEqual, isJsonObject, type JsonObject, type JsonValue } from '@driftless/diff';
import { diffKeyedList, diffSetList } from './three-way-patch-lists';
import { own } from './three-way-patch-own';
import {
  childLocation,
  type FieldLocation,
  LIST_ITEM,
  listItemLocation,
  listStrategyAt,
  retainsKeysAt,
} from './three-way-patch-schema';

export function strategicThreeWayPatch(
  original: JsonObject | undefined,
  modified: JsonObject,
  current: JsonObject,
): JsonObject {
  const kind = typeof modified.kind === 'string' ? modified.kind : '';
  return diffMap(original, modified, current, { kind, path: [] }, false);
}

function diffMap(
  original: JsonObject | undefined,
  modified: JsonObject,
  current: JsonObject,
  location: FieldLocation,
  retainKeys: boolean,
): JsonObject {
  const patch: JsonObject = {};
  for (const [field, value] of Object.entries(modified)) {
    Object.assign(patch, diffField(field, own(original, field), value, own(current, field), location));
  }
  for (const field of Object.keys(original ?? {})) {
    if (!Object.hasOwn(modified, field) && own(current, field) !== undefined) patch[field] = null;
  }
  // $retainKeys makes the server drop what the manifest no longer names, including fields it
  // defaulted (rollingUpdate when the strategy turns to Recreate).
  if (retainKeys && (Object.keys(patch).length > 0 || hasFieldsBeyond(current, modified))) {
    patch.$retainKeys = Object.keys(modified)
      .filter((field) => modified[field] !== null)
      .sort();
  }
  return patch;
}

/** The patch entries for one field the manifest declares. */
function diffField(
  field: string,
  original: JsonValue | undefined,
  modified: JsonValue,
  current: JsonValue | undefined,
  location: FieldLocation,
): JsonObject {
  // null in a manifest asks for the field to be removed.
  if (modified === null) return current === undefined || current === null ? {} : { [field]: null };
  if (current === undefined) return { [field]: modified };
  if (isJsonObject(modified) && isJsonObject(current)) {
    const child = diffMap(
      isJsonObject(original) ? original : undefined,
      modified,
      current,
      childLocation(location, field),
      retainsKeysAt(location, field),
    );
    return Object.keys(child).length > 0 ? { [field]: child } : {};
  }
  if (Array.isArray(modified) && Array.isArray(current)) {
    return diffList(field, Array.isArray(original) ? original : undefined, modified, current, location);
  }
  return deepEqual(modified, current) ? {} : { [field]: modified };
}

function diffList(
  field: string,
  original: JsonValue[] | undefined,
  modified: JsonValue[],
  current: JsonValue[],
  location: FieldLocation,
): JsonObject {
  const strategy = listStrategyAt(location, field);
  const change = { field, where: describe(location, field), original, modified, current };
  switch (strategy.type) {
    case 'keyed': {
      const itemLocation = listItemLocation(location, field);
      return diffKeyedList(change, strategy.mergeKey, (originalItem, modifiedItem, currentItem) =>
        diffMap(originalItem, modifiedItem, currentItem, itemLocation, strategy.retainKeys),
      );
    }
    case 'set':
      return diffSetList(change);
    case 'atomic':
      return deepEqual(modified, current) ? {} : { [field]: modified };
  }
}

/** Whether the live map holds a field the manifest does not name (the trigger for $retainKeys). */
function hasFieldsBeyond(current: JsonObject, modified: JsonObject): boolean {
  return Object.keys(current).some((field) => current[field] !== null && !Object.hasOwn(modified, field));
}

function describe(location: FieldLocation, field: string): string {
  return [...location.path, field].join('.').replaceAll(`.${LIST_ITEM}`, '[]');
}
