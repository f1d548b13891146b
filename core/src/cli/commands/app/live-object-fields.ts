// What `app get-resource` does to a live object before printing it, as
// `argocd app get-resource`: managedFields dropped unless asked for, only the
// dotted paths of --filter-fields kept (a path through a list keeps that
// field of every item), and the -o wide view's one row per leaf field. Pure.

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The object without metadata.managedFields (noise for a reader; kept with --show-managed-fields). */
export function withoutManagedFields(object: JsonObject): JsonObject {
  const metadata = object['metadata'];
  if (!isObject(metadata) || !('managedFields' in metadata)) return object;
  const { managedFields: _dropped, ...rest } = metadata;
  return { ...object, metadata: rest };
}

/**
 * The part of `value` at `segments`, in its place; undefined when the path
 * does not exist. Lists keep their positions (holes for items without the
 * field) so the picks of several paths merge item by item.
 */
function pick(value: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => pick(item, segments));
    return items.some((item) => item !== undefined) ? items : undefined;
  }
  const [head = '', ...rest] = segments;
  if (!isObject(value) || !(head in value)) return undefined;
  const inner = pick(value[head], rest);
  return inner === undefined ? undefined : { [head]: inner };
}

function merge(left: unknown, right: unknown): unknown {
  if (left === undefined) return right;
  if (right === undefined) return left;
  if (Array.isArray(left) && Array.isArray(right))
    return Array.from({ length: Math.max(left.length, right.length) }, (_, index) => merge(left[index], right[index]));
  if (isObject(left) && isObject(right)) {
    const merged: JsonObject = { ...left };
    for (const [key, value] of Object.entries(right)) merged[key] = merge(merged[key], value);
    return merged;
  }
  return right;
}

/** Drops the holes pick leaves in lists. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, compact(inner)]));
  return value;
}

/** Only the fields at the dotted paths (e.g. `data.value`, `spec.containers.image`); {} when none exists. */
export function filterFields(object: JsonObject, paths: readonly string[]): JsonObject {
  const picked = paths.reduce<unknown>((merged, path) => merge(merged, pick(object, path.split('.'))), undefined);
  return (compact(picked) as JsonObject | undefined) ?? {};
}

/** --filter-fields's value: comma-separated paths, blanks ignored. */
export function parseFieldPaths(text: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...text
      .split(',')
      .map((path) => path.trim())
      .filter((path) => path !== ''),
  ];
}

export interface FieldRow {
  field: string;
  value: string;
}

/** One row per leaf, `a.b[0].c` style, in the object's order (empty maps and lists have no row). */
export function flattenFields(value: unknown, prefix = ''): FieldRow[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => flattenFields(item, `${prefix}[${index}]`));
  if (isObject(value))
    return Object.entries(value).flatMap(([key, inner]) => flattenFields(inner, prefix ? `${prefix}.${key}` : key));
  return [{ field: prefix, value: typeof value === 'string' ? value : JSON.stringify(value) }];
}
