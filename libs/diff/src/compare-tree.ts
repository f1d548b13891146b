// The comparison itself: walks the normalized desired object against the live one (and the
// last-applied configuration, when there is one) and returns the predicted live object — what
// live would be after `kubectl apply` — together with every changed field.
//
// Semantics (Argo CD's three-way diff, stated as rules):
// - a field only the live object has is not drift (server defaults, other controllers), unless
//   the last-applied configuration has it: then it was removed from Git and apply deletes it;
// - desired `{}`, `[]` and `null` equal a missing live field; for built-in kinds so do `false`,
//   `0` and `""` (omitempty fields the API server drops), and `null` means "not specified";
// - numbers equal numeric strings (int-or-string fields, Kubernetes' coercions) and resource
//   quantities compare by value;
// - lists of built-in kinds with a strategic-merge key (containers by name, ports by port, …)
//   compare item by key, ignoring order and items only live has; other lists compare by position
//   and must have the same length.
// Unchanged subtrees are returned by reference, so comparing an in-sync object allocates little.
import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { isQuantityField, isSetList, mergeKeyFor } from './known-types';
import { durationsEqual } from './duration';
import { quantitiesEqual } from './quantity';

export type FieldChangeType = 'added' | 'changed' | 'removed';

export interface FieldChange {
  /** Readable path: `spec.template.spec.containers[name=web].image`, `data["app.conf"]`, `args[0]`. */
  path: string;
  /** added: desired sets a field live lacks; removed: apply would delete a live field; changed: values differ. */
  type: FieldChangeType;
  desired?: JsonValue;
  live?: JsonValue;
}

type PathSegment = string | { index: number } | { key: string; value: JsonValue };

/** A field of a custom resource declared to hold a built-in type (argocd-cm knownTypeFields). */
export interface KnownTypeAt {
  field: readonly string[];
  type: string;
}

interface WalkContext {
  builtIn: boolean;
  knownTypes: readonly KnownTypeAt[];
  /** Set inside a `core/Quantity` or `meta/v1/Duration` known-type field. */
  scalarType: 'quantity' | 'duration' | undefined;
  changes: FieldChange[];
  path: PathSegment[];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'string') {
      text += IDENTIFIER.test(segment) ? `${text === '' ? '' : '.'}${segment}` : `[${JSON.stringify(segment)}]`;
    } else if ('index' in segment) text += `[${segment.index}]`;
    else
      text += `[${segment.key}=${typeof segment.value === 'string' ? segment.value : JSON.stringify(segment.value)}]`;
  }
  return text;
}

function record(context: WalkContext, type: FieldChangeType, desired?: JsonValue, live?: JsonValue): void {
  const change: FieldChange = { path: formatPath(context.path), type };
  if (desired !== undefined) change.desired = desired;
  if (live !== undefined) change.live = live;
  context.changes.push(change);
}

/** Values that equal a missing field. */
function isEmptyValue(value: JsonValue | undefined, builtIn: boolean): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    for (const _key in value) return false;
    return true;
  }
  return builtIn && (value === false || value === 0 || value === '');
}

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function scalarsEquivalent(
  desired: JsonValue,
  live: JsonValue,
  parentField: string | undefined,
  field: string,
  scalarType: WalkContext['scalarType'],
): boolean {
  if (desired === live) return true;
  if (scalarType === 'duration' && typeof desired === 'string' && typeof live === 'string') {
    return durationsEqual(desired, live);
  }
  if (scalarType === 'quantity' && (typeof desired === 'string' || typeof desired === 'number')) {
    if (typeof live === 'string' || typeof live === 'number') return quantitiesEqual(desired, live);
  }
  const desiredType = typeof desired;
  const liveType = typeof live;
  if (desiredType === 'number' && liveType === 'string') {
    if (NUMERIC_TEXT.test(live as string) && Number(live) === desired) return true;
  } else if (desiredType === 'string' && liveType === 'number') {
    if (NUMERIC_TEXT.test(desired as string) && Number(desired) === live) return true;
  }
  if ((desiredType === 'string' || desiredType === 'number') && (liveType === 'string' || liveType === 'number')) {
    return isQuantityField(parentField, field) && quantitiesEqual(desired as string | number, live as string | number);
  }
  return false;
}

function lastSegmentName(context: WalkContext): string | undefined {
  const last = context.path[context.path.length - 1];
  return typeof last === 'string' ? last : undefined;
}

function compareObjects(
  desired: JsonObject,
  live: JsonObject,
  lastApplied: JsonValue | undefined,
  context: WalkContext,
): JsonObject {
  let predicted: JsonObject | undefined;
  const ensureCopy = (): JsonObject => (predicted ??= { ...live });
  const parentField = lastSegmentName(context);
  for (const key in desired) {
    const desiredValue = desired[key] as JsonValue;
    if (desiredValue === null && context.builtIn) continue; // "not specified", see lastApplied below
    const liveValue = live[key];
    context.path.push(key);
    if (liveValue === undefined) {
      if (!isEmptyValue(desiredValue, context.builtIn)) {
        record(context, 'added', desiredValue);
        ensureCopy()[key] = desiredValue;
      }
    } else {
      const lastAppliedValue = isJsonObject(lastApplied) ? lastApplied[key] : undefined;
      const knownType = context.knownTypes.length > 0 ? knownTypeAt(context) : undefined;
      const saved = { builtIn: context.builtIn, scalarType: context.scalarType };
      if (knownType === 'core/Quantity') context.scalarType = 'quantity';
      else if (knownType === 'meta/v1/Duration') context.scalarType = 'duration';
      else if (knownType !== undefined) context.builtIn = true;
      const next = compareValues(desiredValue, liveValue, lastAppliedValue, parentField, key, context);
      context.builtIn = saved.builtIn;
      context.scalarType = saved.scalarType;
      if (next !== liveValue) ensureCopy()[key] = next;
    }
    context.path.pop();
  }
  if (isJsonObject(lastApplied)) {
    for (const key in live) {
      const desiredValue = desired[key];
      const unspecified = desiredValue === undefined || (desiredValue === null && context.builtIn);
      if (!unspecified || lastApplied[key] === undefined || isEmptyValue(live[key], context.builtIn)) continue;
      context.path.push(key);
      record(context, 'removed', undefined, live[key]);
      context.path.pop();
      delete ensureCopy()[key];
    }
  }
  return predicted ?? live;
}

/** The known type declared for the current path (field names only; list positions are skipped). */
function knownTypeAt(context: WalkContext): string | undefined {
  const names = context.path.filter((segment): segment is string => typeof segment === 'string');
  const match = context.knownTypes.find(
    (known) => known.field.length === names.length && known.field.every((name, index) => name === names[index]),
  );
  return match?.type;
}

function keyOf(item: JsonValue, mergeKey: string): string | undefined {
  if (!isJsonObject(item)) return undefined;
  const value = item[mergeKey];
  if (value === undefined) return undefined;
  // Keys compare like scalars do: port "80" and port 80 name the same item.
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function compareKeyedLists(
  desired: JsonValue[],
  live: JsonValue[],
  lastApplied: JsonValue | undefined,
  mergeKey: string,
  context: WalkContext,
): JsonValue[] {
  const liveIndex = new Map<string, number>();
  live.forEach((item, index) => {
    const key = keyOf(item, mergeKey);
    if (key !== undefined) liveIndex.set(key, index);
  });
  const lastAppliedItems = new Map<string, JsonValue>();
  if (Array.isArray(lastApplied)) {
    for (const item of lastApplied) {
      const key = keyOf(item, mergeKey);
      if (key !== undefined) lastAppliedItems.set(key, item);
    }
  }
  let predicted: JsonValue[] | undefined;
  const desiredKeys = new Set<string>();
  for (const item of desired) {
    const key = keyOf(item, mergeKey) as string;
    desiredKeys.add(key);
    context.path.push({ key: mergeKey, value: (item as JsonObject)[mergeKey] as JsonValue });
    const liveAt = liveIndex.get(key);
    if (liveAt === undefined) {
      record(context, 'added', item);
      (predicted ??= live.slice()).push(item);
    } else {
      const liveItem = live[liveAt] as JsonValue;
      const next = compareValues(item, liveItem, lastAppliedItems.get(key), undefined, mergeKey, context);
      if (next !== liveItem) (predicted ??= live.slice())[liveAt] = next;
    }
    context.path.pop();
  }
  const removed = new Set<string>();
  for (const item of live) {
    const key = keyOf(item, mergeKey);
    if (key === undefined || desiredKeys.has(key) || !lastAppliedItems.has(key)) continue;
    context.path.push({ key: mergeKey, value: (item as JsonObject)[mergeKey] as JsonValue });
    record(context, 'removed', undefined, item);
    context.path.pop();
    removed.add(key);
  }
  if (removed.size > 0) {
    predicted = (predicted ?? live).filter((item) => !removed.has(keyOf(item, mergeKey) ?? ''));
  }
  return predicted ?? live;
}

function compareSetLists(
  desired: JsonValue[],
  live: JsonValue[],
  lastApplied: JsonValue | undefined,
  context: WalkContext,
): JsonValue[] {
  const liveItems = new Set(live.map((item) => JSON.stringify(item)));
  const desiredItems = new Set(desired.map((item) => JSON.stringify(item)));
  const previouslyApplied = new Set(Array.isArray(lastApplied) ? lastApplied.map((item) => JSON.stringify(item)) : []);
  const missing = desired.filter((item) => !liveItems.has(JSON.stringify(item)));
  const kept = live.filter((item) => {
    const text = JSON.stringify(item);
    return desiredItems.has(text) || !previouslyApplied.has(text);
  });
  if (missing.length === 0 && kept.length === live.length) return live;
  const predicted = [...kept, ...missing];
  record(context, 'changed', predicted, live);
  return predicted;
}

function compareLists(
  desired: JsonValue[],
  live: JsonValue[],
  lastApplied: JsonValue | undefined,
  context: WalkContext,
): JsonValue[] {
  const field = lastSegmentName(context) ?? '';
  if (context.builtIn) {
    const mergeKey = desired.length > 0 ? mergeKeyFor(field, desired[0]) : undefined;
    if (mergeKey !== undefined && desired.every((item) => keyOf(item, mergeKey) !== undefined)) {
      return compareKeyedLists(desired, live, lastApplied, mergeKey, context);
    }
    if (isSetList(field)) return compareSetLists(desired, live, lastApplied, context);
  }
  if (desired.length !== live.length) {
    record(context, 'changed', desired, live);
    return desired;
  }
  let predicted: JsonValue[] | undefined;
  const lastAppliedList = Array.isArray(lastApplied) && lastApplied.length === live.length ? lastApplied : undefined;
  for (let index = 0; index < desired.length; index += 1) {
    const liveItem = live[index] as JsonValue;
    context.path.push({ index });
    const next = compareValues(
      desired[index] as JsonValue,
      liveItem,
      lastAppliedList?.[index],
      field,
      String(index),
      context,
    );
    context.path.pop();
    if (next !== liveItem) (predicted ??= live.slice())[index] = next;
  }
  return predicted ?? live;
}

function compareValues(
  desired: JsonValue,
  live: JsonValue,
  lastApplied: JsonValue | undefined,
  parentField: string | undefined,
  field: string,
  context: WalkContext,
): JsonValue {
  if (desired === live) return live;
  if (isJsonObject(desired)) {
    if (isJsonObject(live)) return compareObjects(desired, live, lastApplied, context);
  } else if (Array.isArray(desired)) {
    if (Array.isArray(live)) return compareLists(desired, live, lastApplied, context);
  } else if (desired !== null && live !== null && typeof live !== 'object') {
    if (scalarsEquivalent(desired, live, parentField, field, context.scalarType)) return live;
    record(context, 'changed', desired, live);
    return desired;
  }
  if (isEmptyValue(desired, context.builtIn) && isEmptyValue(live, context.builtIn)) return live;
  record(context, 'changed', desired, live);
  return desired;
}

export interface TreeComparison {
  predictedLive: JsonObject;
  changes: FieldChange[];
}

export function compareTrees(
  desired: JsonObject,
  live: JsonObject,
  lastApplied: JsonObject | undefined,
  builtIn: boolean,
  knownTypes: readonly KnownTypeAt[] = [],
): TreeComparison {
  const context: WalkContext = { builtIn, knownTypes, scalarType: undefined, changes: [], path: [] };
  const predictedLive = compareObjects(desired, live, lastApplied, context);
  return { predictedLive, changes: context.changes };
}
