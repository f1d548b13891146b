// Server-side apply and field ownership. Pure: given the current object, the
// applied configuration and the manager, returns the merged object and its new
// managedFields, or throws a 409 listing the conflicting fields.
import { ApiError } from '../api/status';
import { deepClone, isPlainObject, type JsonObject, type ManagedFieldsEntry, text } from '../store/kube-object';
import { describePath, fieldValues, fromFieldsV1, removeField, SEPARATOR, toFieldsV1 } from './field-set';
import { listMapKey, type MergeSchema } from './schema';

export interface ApplyRequest {
  current: JsonObject | undefined;
  applied: JsonObject;
  manager: string;
  force: boolean;
  schema: MergeSchema | undefined;
  apiVersion: string;
  now: string;
  subresource?: string;
  /** Conflicts this returns true for are taken over as if forced (client-side → server-side apply upgrade). */
  takeOver?: ((path: string, manager: string) => boolean) | undefined;
}

export interface ApplyResult {
  object: JsonObject;
  managedFields: ManagedFieldsEntry[];
}

interface Owner {
  entry: ManagedFieldsEntry;
  paths: Set<string>;
}

function sameOwner(
  entry: ManagedFieldsEntry,
  manager: string,
  operation: string,
  subresource: string | undefined,
): boolean {
  return (
    entry.manager === manager && entry.operation === operation && (entry.subresource ?? '') === (subresource ?? '')
  );
}

function ownersOf(object: JsonObject | undefined): Owner[] {
  const metadata = isPlainObject(object?.metadata) ? object.metadata : {};
  const entries = Array.isArray(metadata.managedFields) ? (metadata.managedFields as ManagedFieldsEntry[]) : [];
  return entries.map((entry) => ({ entry, paths: fromFieldsV1(entry.fieldsV1) }));
}

function entryFor(
  manager: string,
  operation: 'Apply' | 'Update',
  apiVersion: string,
  now: string,
  paths: Set<string>,
  subresource: string | undefined,
): ManagedFieldsEntry {
  const entry: ManagedFieldsEntry = {
    manager,
    operation,
    apiVersion,
    time: now,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(paths),
  };
  if (subresource) entry.subresource = subresource;
  return entry;
}

export function serverSideApply(request: ApplyRequest): ApplyResult {
  const { applied, manager, schema, subresource } = request;
  const current = request.current ? deepClone(request.current) : {};
  const appliedValues = fieldValues(applied, schema);
  const currentValues = fieldValues(current, schema);
  const owners = ownersOf(current);
  const conflicts: { path: string; manager: string; apiVersion: string }[] = [];
  for (const owner of owners) {
    if (sameOwner(owner.entry, manager, 'Apply', subresource)) continue;
    for (const [path, value] of appliedValues) {
      if (owner.paths.has(path) && currentValues.get(path) !== value) {
        conflicts.push({ path, manager: owner.entry.manager, apiVersion: owner.entry.apiVersion });
      }
    }
  }
  const blocking = conflicts.filter((conflict) => !request.takeOver?.(conflict.path, conflict.manager));
  if (blocking.length > 0 && !request.force) throw conflictError(blocking, request);
  for (const conflict of conflicts) {
    for (const owner of owners) if (owner.entry.manager === conflict.manager) owner.paths.delete(conflict.path);
  }

  const previous = owners.find((owner) => sameOwner(owner.entry, manager, 'Apply', subresource));
  const others = owners.filter((owner) => owner !== previous);
  const merged = mergeApplied(current, applied, schema) as JsonObject;
  const ownedByOthers = (path: string): boolean => others.some((owner) => owner.paths.has(path));
  const appliedPaths = new Set(appliedValues.keys());
  if (previous) {
    const dropped = [...previous.paths].filter((path) => !appliedPaths.has(path) && !ownedByOthers(path));
    // Deepest first so a list item goes after its own fields.
    dropped.sort((a, b) => b.split(SEPARATOR).length - a.split(SEPARATOR).length);
    for (const path of dropped) {
      if (path.endsWith(`${SEPARATOR}.`)) {
        const itemPrefix = path.slice(0, -2);
        if (others.some((owner) => [...owner.paths].some((owned) => owned.startsWith(itemPrefix)))) continue;
      }
      removeField(merged, path, (prefix) => ownedByOthers(prefix) || appliedPaths.has(prefix), schema);
    }
  }
  const managedFields = others
    .filter((owner) => owner.paths.size > 0)
    .map((owner) => ({ ...owner.entry, fieldsV1: toFieldsV1(owner.paths) }));
  managedFields.push(entryFor(manager, 'Apply', request.apiVersion, request.now, appliedPaths, subresource));
  return { object: merged, managedFields };
}

function conflictError(
  conflicts: { path: string; manager: string; apiVersion: string }[],
  request: ApplyRequest,
): ApiError {
  const name = isPlainObject(request.applied.metadata) ? text(request.applied.metadata.name, '') : '';
  const causes = conflicts.map((conflict) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with "${conflict.manager}" using ${conflict.apiVersion}`,
    field: describePath(conflict.path),
  }));
  const lines = causes.map((cause) => `- ${cause.message}: ${cause.field}`).join('\n');
  const plural = conflicts.length === 1 ? 'conflict' : 'conflicts';
  return new ApiError(
    409,
    'Conflict',
    `Apply failed with ${conflicts.length} ${plural}: ${causes.length === 1 ? `${causes[0]?.message}: ${causes[0]?.field}` : `\n${lines}`}`,
    {
      name,
      kind: text(request.applied.kind, ''),
      causes,
    },
  );
}

/** Merges an applied configuration into the live object using list semantics from the schema. */
function mergeApplied(current: unknown, applied: unknown, schema: MergeSchema | undefined): unknown {
  if (isPlainObject(applied)) {
    const result: JsonObject = isPlainObject(current) ? { ...current } : {};
    for (const [key, value] of Object.entries(applied)) {
      if (value === null || value === undefined) continue;
      const child = schema?.fields?.[key] ?? (schema?.fields ? undefined : schema?.items);
      result[key] = mergeApplied(result[key], value, child);
    }
    return result;
  }
  if (Array.isArray(applied) && Array.isArray(current)) {
    if (schema?.listType === 'map' && (schema.mergeKey || schema.mapKeys)) {
      const result: unknown[] = [...(current as unknown[])];
      for (const item of applied) {
        const key = JSON.stringify(listMapKey(schema, item) ?? null);
        const index =
          key === 'null'
            ? -1
            : result.findIndex((existing) => JSON.stringify(listMapKey(schema, existing) ?? null) === key);
        if (index >= 0) result[index] = mergeApplied(result[index], item, schema.items);
        else result.push(item);
      }
      return result;
    }
    if (schema?.listType === 'set') {
      const result: unknown[] = [...(current as unknown[])];
      for (const item of applied)
        if (!result.some((existing) => JSON.stringify(existing) === JSON.stringify(item))) result.push(item);
      return result;
    }
  }
  return deepClone(applied);
}

/**
 * Records an ordinary write (create, update, non-apply patch) by `manager`: it
 * takes ownership of every field it changed, which other managers lose.
 */
export function trackUpdate(
  previous: JsonObject | undefined,
  next: JsonObject,
  manager: string,
  apiVersion: string,
  schema: MergeSchema | undefined,
  now: string,
  subresource?: string,
): ManagedFieldsEntry[] {
  const before = previous ? fieldValues(previous, schema) : new Map<string, string>();
  const after = fieldValues(next, schema);
  const changed = new Set<string>();
  for (const [path, value] of after) if (before.get(path) !== value) changed.add(path);
  const removed = [...before.keys()].filter((path) => !after.has(path));
  const owners = ownersOf(previous);
  let mine = owners.find((owner) => sameOwner(owner.entry, manager, 'Update', subresource));
  if (!mine) {
    if (changed.size === 0) return owners.map((owner) => owner.entry);
    mine = { entry: entryFor(manager, 'Update', apiVersion, now, new Set(), subresource), paths: new Set() };
    owners.push(mine);
  }
  for (const owner of owners) {
    for (const path of removed) owner.paths.delete(path);
    if (owner === mine) for (const path of changed) owner.paths.add(path);
    else for (const path of changed) owner.paths.delete(path);
  }
  return owners
    .filter((owner) => owner.paths.size > 0)
    .map((owner) =>
      owner === mine || changed.size > 0 || removed.length > 0
        ? { ...owner.entry, ...(owner === mine ? { time: now, apiVersion } : {}), fieldsV1: toFieldsV1(owner.paths) }
        : owner.entry,
    );
}
