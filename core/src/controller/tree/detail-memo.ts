// Details (health, info, images, creation time) of one app's tree nodes,
// remembered by uid and resourceVersion: a tracked object's are read from its
// cached JSON once per change; an untracked Pod's, ReplicaSet's or Job's were
// taken by the cluster cache when the object arrived. No API reads.
import { type CachedObject, type LiveObject } from '../live-state/cached-object';
import { nodeDetails, type NodeDetails } from './node-details';

export class DetailMemo {
  private entries = new Map<string, { resourceVersion: string; details: NodeDetails | undefined }>();

  /** Takes what is missing or stale for these objects and forgets objects no longer in the tree. */
  load(objects: readonly CachedObject[]): void {
    const next = new Map<string, { resourceVersion: string; details: NodeDetails | undefined }>();
    for (const object of objects) {
      const known = this.entries.get(object.uid);
      if (known?.resourceVersion === object.resourceVersion) next.set(object.uid, known);
      else next.set(object.uid, { resourceVersion: object.resourceVersion, details: detailsOf(object) });
    }
    this.entries = next;
  }

  get(object: CachedObject): NodeDetails | undefined {
    const entry = this.entries.get(object.uid);
    return entry?.resourceVersion === object.resourceVersion ? entry.details : undefined;
  }
}

function detailsOf(object: CachedObject): NodeDetails | undefined {
  if (object.details !== undefined) return object.details;
  if (object.json === undefined) return undefined;
  return nodeDetails(JSON.parse(object.json) as LiveObject, object.type.group, object.type.kind);
}
