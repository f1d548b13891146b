// Lists become their items, as Argo CD does with every rendered object: an
// object whose `items` is an array (a `List`, `ConfigMapList`, ...) is
// replaced by its items, one level deep; `items: null` with no spec or
// status renders nothing.
import { type KubeObject } from '@driftless/plugin-sdk';

export function flattenLists(objects: KubeObject[], where: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const object of objects) {
    const record = object as Record<string, unknown>;
    const items = record.items;
    if (Array.isArray(items)) {
      for (const [index, item] of items.entries()) {
        if (item === null || typeof item !== 'object' || Array.isArray(item))
          throw new Error(`${where}: ${object.kind} item ${index + 1} is not an object`);
        out.push(item as KubeObject);
      }
    } else if (!(items === null && !('spec' in record) && !('status' in record))) {
      out.push(object);
    }
  }
  return out;
}
