// The strategic-merge forms of a list change, as `kubectl apply` builds them: lists merged by key
// send changed and new items plus `{"$patch": "delete"}` for items the manifest dropped; sets of
// scalars send additions plus `$deleteFromPrimitiveList`; both send `$setElementOrder` so the
// server lays the items out in the manifest's order. Items only the live list has (added by
// another writer) are never mentioned, so the server keeps them.
import { isJsonObject, type JsonObject, type JsonValue } from '@driftless/diff';
import { ThreeWayPatchError } from './three-way-patch-error';

export interface ListChange {
  readonly field: string;
  /** Where the list sits, for error messages (`spec.template.spec.containers`). */
  readonly where: string;
  readonly original: readonly JsonValue[] | undefined;
  readonly modified: readonly JsonValue[];
  readonly current: readonly JsonValue[];
}

/** The three-way patch of one keyed item that exists live; `{}` when nothing changes. */
export type ItemDiff = (original: JsonObject | undefined, modified: JsonObject, current: JsonObject) => JsonObject;

export function diffKeyedList(change: ListChange, mergeKey: string, diffItem: ItemDiff): JsonObject {
  const modified = change.modified.map((item, index) => requireKeyed(item, mergeKey, change.where, index));
  const currentByKey = indexByKey(change.current, mergeKey);
  const originalByKey = indexByKey(change.original ?? [], mergeKey);
  const modifiedKeys = modified.map((item) => keyText(item[mergeKey]));

  const items: JsonObject[] = [];
  modified.forEach((item, index) => {
    const live = currentByKey.get(modifiedKeys[index] ?? '');
    if (live === undefined) {
      items.push(item);
      return;
    }
    const itemPatch = diffItem(originalByKey.get(modifiedKeys[index] ?? ''), item, live);
    if (Object.keys(itemPatch).length > 0) items.push({ ...itemPatch, [mergeKey]: item[mergeKey] ?? null });
  });
  const kept = new Set(modifiedKeys);
  for (const [key] of originalByKey) {
    const live = currentByKey.get(key);
    // The live item's own key value, so the server's equality match finds it.
    if (!kept.has(key) && live !== undefined) items.push({ $patch: 'delete', [mergeKey]: live[mergeKey] ?? null });
  }

  const fragment: JsonObject = {};
  if (items.length > 0) fragment[change.field] = items;
  const reordered = relativeOrderDiffers(modifiedKeys, [...currentByKey.keys()]);
  if ((items.length > 0 || reordered) && modified.length > 0) {
    fragment[`$setElementOrder/${change.field}`] = modified.map((item) => ({ [mergeKey]: item[mergeKey] ?? null }));
  }
  return fragment;
}

export function diffSetList(change: ListChange): JsonObject {
  const modifiedKeys = change.modified.map(keyText);
  const currentKeys = new Set(change.current.map(keyText));
  const kept = new Set(modifiedKeys);
  const additions = uniqueBy(change.modified, (item) => !currentKeys.has(keyText(item)));
  const deletions = uniqueBy(
    change.original ?? [],
    (item) => !kept.has(keyText(item)) && currentKeys.has(keyText(item)),
  );

  const fragment: JsonObject = {};
  if (additions.length > 0) fragment[change.field] = additions;
  if (deletions.length > 0) fragment[`$deleteFromPrimitiveList/${change.field}`] = deletions;
  const reordered = relativeOrderDiffers(modifiedKeys, change.current.map(keyText));
  if ((additions.length > 0 || deletions.length > 0 || reordered) && change.modified.length > 0) {
    fragment[`$setElementOrder/${change.field}`] = [...change.modified];
  }
  return fragment;
}

/**
 * Whether the items both lists hold appear in a different order. kubectl also sends the order
 * when the live list merely has extra items; the server then leaves the list as it is, so we skip
 * that no-op and keep "nothing to change" meaningful.
 */
function relativeOrderDiffers(modifiedKeys: readonly string[], currentKeys: readonly string[]): boolean {
  const inCurrent = new Set(currentKeys);
  const inModified = new Set(modifiedKeys);
  const modifiedOrder = modifiedKeys.filter((key) => inCurrent.has(key));
  const currentOrder = currentKeys.filter((key) => inModified.has(key));
  return modifiedOrder.length !== currentOrder.length || modifiedOrder.some((key, at) => key !== currentOrder[at]);
}

/** kubectl matches merge keys by their printed form, so port 80 and "80" are the same item. */
function keyText(value: JsonValue | undefined): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** First item per key; live items without the key cannot be addressed and are left alone. */
function indexByKey(items: readonly JsonValue[], mergeKey: string): Map<string, JsonObject> {
  const byKey = new Map<string, JsonObject>();
  for (const item of items) {
    if (!isJsonObject(item) || !Object.hasOwn(item, mergeKey)) continue;
    const key = keyText(item[mergeKey]);
    if (!byKey.has(key)) byKey.set(key, item);
  }
  return byKey;
}

function requireKeyed(item: JsonValue, mergeKey: string, where: string, index: number): JsonObject {
  if (isJsonObject(item) && Object.hasOwn(item, mergeKey) && item[mergeKey] !== null) return item;
  throw new ThreeWayPatchError(
    'APPLY_MERGE_KEY_MISSING',
    `${where}[${index}] has no "${mergeKey}"; items of this list are merged by it, so the manifest must set it`,
  );
}

function uniqueBy(items: readonly JsonValue[], keep: (item: JsonValue) => boolean): JsonValue[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyText(item);
    if (seen.has(key) || !keep(item)) return false;
    seen.add(key);
    return true;
  });
}
