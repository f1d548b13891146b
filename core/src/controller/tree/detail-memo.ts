// Details (health, info, images, creation time) of one app's tree nodes,
// remembered by uid and resourceVersion: a tracked object's are read from its
// cached JSON, an untracked Pod's, ReplicaSet's or Job's from the API server
// — only when it is new or its resourceVersion moved, so a quiet tree costs
// no reads.
import { type CachedObject, type LiveObject } from '../live-state/cached-object';
import { DETAILED_KINDS, nodeDetails, type NodeDetails } from './node-details';

/** Reads at once per app while loading details. */
const READ_CONCURRENCY = 8;

export class DetailMemo {
  private entries = new Map<string, { resourceVersion: string; details: NodeDetails | undefined }>();

  constructor(private readonly read: (object: CachedObject) => Promise<LiveObject | undefined>) {}

  /** Loads what is missing or stale for these objects and forgets objects no longer in the tree. */
  async load(objects: readonly CachedObject[]): Promise<void> {
    const next = new Map<string, { resourceVersion: string; details: NodeDetails | undefined }>();
    const missing: CachedObject[] = [];
    for (const object of objects) {
      const known = this.entries.get(object.uid);
      if (known?.resourceVersion === object.resourceVersion) next.set(object.uid, known);
      else if (object.json !== undefined || DETAILED_KINDS.has(`${object.type.group}/${object.type.kind}`))
        missing.push(object);
    }
    let index = 0;
    const lane = async () => {
      while (index < missing.length) {
        const object = missing[index++] as CachedObject;
        const full =
          object.json !== undefined ? (JSON.parse(object.json) as LiveObject) : await this.readQuietly(object);
        const details = full ? nodeDetails(full, object.type.group, object.type.kind) : undefined;
        next.set(object.uid, { resourceVersion: object.resourceVersion, details });
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, missing.length) }, lane));
    this.entries = next;
  }

  get(object: CachedObject): NodeDetails | undefined {
    const entry = this.entries.get(object.uid);
    return entry?.resourceVersion === object.resourceVersion ? entry.details : undefined;
  }

  private async readQuietly(object: CachedObject): Promise<LiveObject | undefined> {
    // An object that cannot be read now shows without details; the next change reads it again.
    return this.read(object).catch(() => undefined);
  }
}
