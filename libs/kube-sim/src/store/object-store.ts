// The in-memory "etcd" of one simulated cluster: objects per resource type, one
// monotonically increasing revision, and a bounded event history that watches
// replay from. It knows nothing about Kubernetes semantics beyond
// metadata.resourceVersion; validation and defaulting live above it.
import { ApiError } from '../api/status';
import type { KubeObject } from './kube-object';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  revision: number;
  type: WatchEventType;
  /** Storage key of the resource type (see storageKey). */
  key: string;
  object: KubeObject;
  previous: KubeObject | undefined;
}

export interface WatchFilter {
  key: string;
  namespace?: string;
  matches?: (object: KubeObject) => boolean;
}

export type WatchSink = (type: WatchEventType, object: KubeObject, revision: number) => void;

export interface StoreWatch {
  close(): void;
}

interface Collection {
  objects: Map<string, KubeObject>;
  sortedIds: string[] | undefined;
}

interface Watcher {
  filter: WatchFilter;
  sink: WatchSink;
}

export function objectId(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

const serialised = new WeakMap<KubeObject, string>();

/** JSON of a stored object, computed once: stored objects are never mutated. */
export function toJson(object: KubeObject): string {
  let json = serialised.get(object);
  if (json === undefined) {
    json = JSON.stringify(object);
    serialised.set(object, json);
  }
  return json;
}

export class ObjectStore {
  private revisionCounter = 0;
  private readonly collections = new Map<string, Collection>();
  private history: StoreEvent[] = [];
  /** Highest revision no longer in history: a watch from before it gets 410 Gone. */
  private compactedRevision = 0;
  private readonly watchers = new Map<string, Set<Watcher>>();
  /** Every event of every type, for controllers and persistence. */
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(private readonly historyLimit = 10_000) {}

  get revision(): number {
    return this.revisionCounter;
  }

  get oldestWatchableRevision(): number {
    return this.compactedRevision;
  }

  get(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.collections.get(key)?.objects.get(objectId(namespace, name));
  }

  /** Objects of one type in key order (namespace, then name), optionally one namespace only. */
  list(key: string, namespace?: string): KubeObject[] {
    const collection = this.collections.get(key);
    if (!collection) return [];
    if (!collection.sortedIds) collection.sortedIds = [...collection.objects.keys()].sort();
    const result: KubeObject[] = [];
    const prefix = namespace === undefined ? undefined : `${namespace}/`;
    for (const id of collection.sortedIds) {
      if (prefix !== undefined && !id.startsWith(prefix)) continue;
      const object = collection.objects.get(id);
      if (object) result.push(object);
    }
    return result;
  }

  count(key: string): number {
    return this.collections.get(key)?.objects.size ?? 0;
  }

  keys(): string[] {
    return [...this.collections.keys()];
  }

  /** Stores a new version of an object, stamping the next resourceVersion into it. */
  put(key: string, object: KubeObject): KubeObject {
    const revision = ++this.revisionCounter;
    object.metadata.resourceVersion = String(revision);
    const collection = this.collection(key);
    const id = objectId(object.metadata.namespace, object.metadata.name ?? '');
    const previous = collection.objects.get(id);
    if (!previous) collection.sortedIds = undefined;
    collection.objects.set(id, object);
    this.emit({ revision, type: previous ? 'MODIFIED' : 'ADDED', key, object, previous });
    return object;
  }

  /** Removes an object; the DELETED event carries its last state at a new revision. */
  remove(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const collection = this.collections.get(key);
    const id = objectId(namespace, name);
    const previous = collection?.objects.get(id);
    if (!collection || !previous) return undefined;
    const revision = ++this.revisionCounter;
    const object: KubeObject = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(revision) } };
    collection.objects.delete(id);
    collection.sortedIds = undefined;
    this.emit({ revision, type: 'DELETED', key, object, previous });
    return object;
  }

  /** Drops a whole collection without events (a CRD's storage when the CRD is gone). */
  dropCollection(key: string): void {
    this.collections.delete(key);
  }

  /**
   * Streams events of one type after `fromRevision`. With no revision (or "0") the
   * current objects are sent first as ADDED, as kube-apiserver does.
   */
  watch(filter: WatchFilter, fromRevision: number | undefined, sink: WatchSink): StoreWatch {
    if (fromRevision !== undefined && fromRevision > 0) {
      if (fromRevision < this.compactedRevision) {
        throw new ApiError(410, 'Expired', `too old resource version: ${fromRevision} (${this.compactedRevision})`);
      }
      for (const event of this.history.slice(this.firstEventAfter(fromRevision))) {
        if (event.key === filter.key) deliver(filter, sink, event);
      }
    } else {
      for (const object of this.list(filter.key, filter.namespace)) {
        if (!filter.matches || filter.matches(object)) sink('ADDED', object, Number(object.metadata.resourceVersion));
      }
    }
    // A watch from a revision not reached yet only sees events after it.
    const after = fromRevision ?? 0;
    const startsLater: WatchSink = (type, object, revision) => {
      if (revision > after) sink(type, object, revision);
    };
    const watcher: Watcher = { filter, sink: after > this.revisionCounter ? startsLater : sink };
    let set = this.watchers.get(filter.key);
    if (!set) {
      set = new Set();
      this.watchers.set(filter.key, set);
    }
    set.add(watcher);
    return { close: () => set.delete(watcher) };
  }

  watcherCount(): number {
    let count = 0;
    for (const set of this.watchers.values()) count += set.size;
    return count;
  }

  /** Subscribes to every event (controllers, persistence). Returns an unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces all content (loading a snapshot); emits nothing. */
  restore(revision: number, objects: { key: string; object: KubeObject }[]): void {
    this.collections.clear();
    this.history = [];
    for (const { key, object } of objects) {
      this.collection(key).objects.set(objectId(object.metadata.namespace, object.metadata.name ?? ''), object);
    }
    this.revisionCounter = revision;
    this.compactedRevision = revision;
  }

  snapshot(): { revision: number; objects: { key: string; object: KubeObject }[] } {
    const objects: { key: string; object: KubeObject }[] = [];
    for (const [key, collection] of this.collections) {
      for (const object of collection.objects.values()) objects.push({ key, object });
    }
    return { revision: this.revisionCounter, objects };
  }

  private collection(key: string): Collection {
    let collection = this.collections.get(key);
    if (!collection) {
      collection = { objects: new Map(), sortedIds: undefined };
      this.collections.set(key, collection);
    }
    return collection;
  }

  private firstEventAfter(revision: number): number {
    let low = 0;
    let high = this.history.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.history[middle]?.revision ?? 0) <= revision) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historyLimit * 2) {
      const dropped = this.history.length - this.historyLimit;
      this.compactedRevision = this.history[dropped - 1]?.revision ?? this.compactedRevision;
      this.history = this.history.slice(dropped);
    }
    const set = this.watchers.get(event.key);
    if (set) for (const watcher of [...set]) deliver(watcher.filter, watcher.sink, event);
    for (const listener of [...this.listeners]) listener(event);
  }
}

/** Turns a store event into what one filtered watch sees, including selector transitions. */
function deliver(filter: WatchFilter, sink: WatchSink, event: StoreEvent): void {
  if (filter.namespace !== undefined && event.object.metadata.namespace !== filter.namespace) return;
  const matches = filter.matches ?? (() => true);
  const now = matches(event.object);
  if (event.type === 'DELETED') {
    if (now) sink('DELETED', event.object, event.revision);
    return;
  }
  const before = event.previous !== undefined && matches(event.previous);
  if (event.type === 'ADDED' || !event.previous) {
    if (now) sink('ADDED', event.object, event.revision);
  } else if (now && before) sink('MODIFIED', event.object, event.revision);
  else if (now) sink('ADDED', event.object, event.revision);
  else if (before) sink('DELETED', event.object, event.revision);
}
