// Comparisons the write path needs: did the spec change (generation), and is
// an update a no-op (no new resourceVersion, no event)?
import type { ResourceType } from '../registry/resource-type';
import { deepEqual, type KubeObject, type ManagedFieldsEntry } from '../store/kube-object';

export function specChanged(type: ResourceType, previous: KubeObject, next: KubeObject): boolean {
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (key === 'metadata' || key === 'apiVersion' || key === 'kind') continue;
    if (key === 'status' && type.statusSubresource) continue;
    if (!deepEqual(previous[key], next[key])) return true;
  }
  return false;
}

/** An update that changes nothing keeps the old resourceVersion and sends no event. */
export function isNoOp(previous: KubeObject, next: KubeObject): boolean {
  const strip = (object: KubeObject): KubeObject => ({
    ...object,
    metadata: {
      ...object.metadata,
      resourceVersion: '',
      managedFields: stripTimes(object.metadata.managedFields) as ManagedFieldsEntry[],
    },
  });
  return deepEqual(strip(previous), strip(next));
}

function stripTimes(entries: ManagedFieldsEntry[] | undefined): unknown {
  return entries?.map((entry) => ({ ...entry, time: '' }));
}
