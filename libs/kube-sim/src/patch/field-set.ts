// Field sets in the structured-merge-diff sense: every leaf of an object as a
// path of `f:field`, `k:{"key":value}` (keyed list item), `v:value` (set item)
// and `.` (the list item itself). managedFields store them as FieldsV1 trees.
import { isPlainObject, type JsonObject } from '../store/kube-object';
import { listMapKey, type MergeSchema } from './schema';

export const SEPARATOR = '\u0001';

/** Metadata the server owns; it never appears in managedFields. */
const SERVER_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

function fieldSchema(schema: MergeSchema | undefined, key: string): MergeSchema | undefined {
  return schema?.fields?.[key] ?? (schema?.fields ? undefined : schema?.items);
}

/** Maps each owned path to the JSON of its value (list-item markers map to ""). */
export function fieldValues(object: JsonObject, schema: MergeSchema | undefined): Map<string, string> {
  const values = new Map<string, string>();
  for (const [key, child] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || child === undefined || child === null) continue;
    if (key === 'metadata' && isPlainObject(child)) {
      const metadataSchema = fieldSchema(schema, 'metadata');
      for (const [metaKey, metaChild] of Object.entries(child)) {
        if (SERVER_METADATA.has(metaKey) || metaChild === undefined || metaChild === null) continue;
        walk(metaChild, fieldSchema(metadataSchema, metaKey), `f:metadata${SEPARATOR}f:${metaKey}`, values);
      }
      continue;
    }
    walk(child, fieldSchema(schema, key), `f:${key}`, values);
  }
  return values;
}

function walk(value: unknown, schema: MergeSchema | undefined, path: string, values: Map<string, string>): void {
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined && child !== null);
    if (entries.length === 0) {
      values.set(path, '{}');
      return;
    }
    for (const [key, child] of entries) walk(child, fieldSchema(schema, key), `${path}${SEPARATOR}f:${key}`, values);
    return;
  }
  if (Array.isArray(value) && schema?.listType === 'map') {
    const keys = value.map((item) => listMapKey(schema, item));
    if (keys.every((key) => key !== undefined)) {
      for (const [index, item] of (value as JsonObject[]).entries()) {
        const itemPath = `${path}${SEPARATOR}k:${JSON.stringify(keys[index])}`;
        values.set(`${itemPath}${SEPARATOR}.`, '');
        walk(item, schema.items, itemPath, values);
      }
      return;
    }
  }
  if (Array.isArray(value) && schema?.listType === 'set') {
    for (const item of value) values.set(`${path}${SEPARATOR}v:${JSON.stringify(item)}`, '');
    return;
  }
  values.set(path, JSON.stringify(value));
}

/** Builds the FieldsV1 tree stored in managedFields. */
export function toFieldsV1(paths: Iterable<string>): JsonObject {
  const root: JsonObject = {};
  for (const path of paths) {
    let node = root;
    for (const element of path.split(SEPARATOR)) {
      const existing = node[element];
      const child: JsonObject = isPlainObject(existing) ? existing : {};
      node[element] = child;
      node = child;
    }
  }
  return root;
}

export function fromFieldsV1(tree: unknown, prefix = ''): Set<string> {
  const paths = new Set<string>();
  if (!isPlainObject(tree)) return paths;
  for (const [element, child] of Object.entries(tree)) {
    const path = prefix ? `${prefix}${SEPARATOR}${element}` : element;
    if (isPlainObject(child) && Object.keys(child).length > 0) {
      for (const nested of fromFieldsV1(child, path)) paths.add(nested);
    } else {
      paths.add(path);
    }
  }
  return paths;
}

/** Renders a path for humans, as in conflict messages: `.spec.replicas`, `.spec.containers[name="web"].image`. */
export function describePath(path: string): string {
  return path
    .split(SEPARATOR)
    .map((element) => {
      if (element.startsWith('f:')) return `.${element.slice(2)}`;
      if (element.startsWith('k:')) {
        const key = JSON.parse(element.slice(2)) as JsonObject;
        return `[${Object.entries(key)
          .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
          .join(',')}]`;
      }
      if (element.startsWith('v:')) return `[${element.slice(2)}]`;
      return '';
    })
    .join('');
}

/**
 * Removes the field at `path` from `object` (mutating it). Maps left empty are
 * removed too unless `keep` says their own path is still owned.
 */
export function removeField(
  object: JsonObject,
  path: string,
  keep: (path: string) => boolean,
  schema?: MergeSchema,
): void {
  const elements = path.split(SEPARATOR);
  const containers: { node: unknown; element: string; schema: MergeSchema | undefined }[] = [];
  let node: unknown = object;
  let nodeSchema = schema;
  for (const element of elements.slice(0, -1)) {
    containers.push({ node, element, schema: nodeSchema });
    node = step(node, element, nodeSchema);
    nodeSchema = element.startsWith('f:') ? fieldSchema(nodeSchema, element.slice(2)) : nodeSchema?.items;
    if (node === undefined) return;
  }
  const last = elements[elements.length - 1] ?? '';
  if (last === '.') {
    // The list item itself: remove it from its list.
    const itemElement = elements[elements.length - 2] ?? '';
    const holder = containers[containers.length - 1];
    const list = holder?.node;
    if (Array.isArray(list)) {
      const index = findKeyed(list, itemElement, holder?.schema);
      if (index >= 0) list.splice(index, 1);
    }
    return;
  }
  if (last.startsWith('v:') && Array.isArray(node)) {
    const value = JSON.parse(last.slice(2)) as unknown;
    const index = node.findIndex((item) => JSON.stringify(item) === JSON.stringify(value));
    if (index >= 0) node.splice(index, 1);
    return;
  }
  if (isPlainObject(node) && last.startsWith('f:')) delete node[last.slice(2)];
  // Prune maps emptied by the removal, innermost first.
  for (let depth = elements.length - 1; depth > 0; depth -= 1) {
    const emptied = step(containers[depth - 1]?.node, elements[depth - 1] ?? '', containers[depth - 1]?.schema);
    const prefix = elements.slice(0, depth).join(SEPARATOR);
    if (!isPlainObject(emptied) || Object.keys(emptied).length > 0 || keep(prefix)) return;
    const holder = containers[depth - 1]?.node;
    const element = elements[depth - 1] ?? '';
    if (isPlainObject(holder) && element.startsWith('f:')) delete holder[element.slice(2)];
    else return;
  }
}

function step(node: unknown, element: string, schema: MergeSchema | undefined): unknown {
  if (element.startsWith('f:')) return isPlainObject(node) ? node[element.slice(2)] : undefined;
  if (element.startsWith('k:') && Array.isArray(node)) {
    const index = findKeyed(node, element, schema);
    return index >= 0 ? node[index] : undefined;
  }
  return undefined;
}

/** Index of the list item a `k:{…}` element names; key fields the item omits take the schema's defaults. */
function findKeyed(list: unknown[], element: string, schema: MergeSchema | undefined): number {
  const key = JSON.parse(element.slice(2)) as JsonObject;
  return list.findIndex(
    (item) =>
      isPlainObject(item) &&
      Object.entries(key).every(([name, value]) => (item[name] ?? schema?.keyDefaults?.[name]) === value),
  );
}
