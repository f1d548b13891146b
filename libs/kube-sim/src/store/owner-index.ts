// ownerReference graph of one store: which objects each uid owns, and which uids
// exist. Kept current from store events; used by deletion and the GC.
import type { KubeObject } from './kube-object';
import type { ObjectStore, StoreEvent } from './object-store';

export interface ObjectRef {
  key: string;
  namespace: string | undefined;
  name: string;
}

export class OwnerIndex {
  private readonly dependents = new Map<string, Map<string, ObjectRef>>();
  private readonly byUid = new Map<string, ObjectRef>();
  private readonly unsubscribe: () => void;

  constructor(store: ObjectStore) {
    for (const key of store.keys()) for (const object of store.list(key)) this.add(key, object);
    this.unsubscribe = store.subscribe((event) => this.apply(event));
  }

  close(): void {
    this.unsubscribe();
  }

  exists(uid: string): boolean {
    return this.byUid.has(uid);
  }

  refOf(uid: string): ObjectRef | undefined {
    return this.byUid.get(uid);
  }

  dependentsOf(uid: string): ObjectRef[] {
    return [...(this.dependents.get(uid)?.values() ?? [])];
  }

  private apply(event: StoreEvent): void {
    if (event.previous) this.remove(event.key, event.previous);
    if (event.type !== 'DELETED') this.add(event.key, event.object);
  }

  private add(key: string, object: KubeObject): void {
    const ref: ObjectRef = { key, namespace: object.metadata.namespace, name: object.metadata.name ?? '' };
    if (object.metadata.uid) this.byUid.set(object.metadata.uid, ref);
    for (const owner of object.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(owner.uid);
      if (!set) {
        set = new Map();
        this.dependents.set(owner.uid, set);
      }
      set.set(`${key}|${ref.namespace ?? ''}|${ref.name}`, ref);
    }
  }

  private remove(key: string, object: KubeObject): void {
    if (object.metadata.uid) this.byUid.delete(object.metadata.uid);
    const id = `${key}|${object.metadata.namespace ?? ''}|${object.metadata.name ?? ''}`;
    for (const owner of object.metadata.ownerReferences ?? []) {
      const set = this.dependents.get(owner.uid);
      set?.delete(id);
      if (set?.size === 0) this.dependents.delete(owner.uid);
    }
  }
}
