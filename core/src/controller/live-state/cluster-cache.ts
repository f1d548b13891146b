// The live state of one destination cluster: discovery, then a list+watch per
// resource type (all namespaces, or the cluster Secret's namespaces), kept in
// memory as CachedObjects with indexes by key, by tracking app and by owner.
// A CRD change re-runs discovery, so new kinds are watched at once.
import { apiGroupOf } from '@driftless/diff';
import { KubeHttpError, type KubeHttp } from '../../kube/kube-http';
import { ListWatch } from '../../kube/list-watch';
import { collectionPath, discoverApiResources, groupKindKey, objectPath, type ApiResourceType } from './api-discovery';
import {
  cacheKey,
  keyOf,
  toCachedObject,
  type CachedObject,
  type LiveObject,
  type TrackingSettings,
} from './cached-object';
import { type ResourceFilter } from './resource-filter';

export interface LiveChange {
  server: string;
  key: string;
  /** Apps that tracked the object before or after the change. */
  appInstances: string[];
  /** false when only status or server bookkeeping changed. */
  specChanged: boolean;
}

export interface ClusterCacheOptions {
  server: string;
  http: KubeHttp;
  filter: ResourceFilter;
  tracking: TrackingSettings;
  /** Namespaces the cluster Secret restricts Driftless to; empty = all. */
  namespaces: readonly string[];
  clusterResources: boolean;
  onChange: (change: LiveChange) => void;
  /**
   * An owned object (one with ownerReferences: a Pod, a ReplicaSet) came, changed or went: its uid
   * and its owners' — what resource trees below the tracked objects are rebuilt from.
   */
  onOwnedChange?: (uids: readonly string[]) => void;
  /**
   * A top-level object no app tracks came into a namespace or left it (or
   * stopped being tracked): what a project that monitors orphaned resources
   * shows, so the apps deploying there look again.
   */
  onUntrackedChange?: (namespace: string) => void;
  onProblem?: (message: string) => void;
  pageSize?: number;
  /** First lists running at once. */
  listConcurrency?: number;
}

const CRD_KEY = groupKindKey('apiextensions.k8s.io', 'CustomResourceDefinition');

export class ClusterCache {
  private types = new Map<string, ApiResourceType>();
  private servedVersions: string[] = [];
  private readonly watchers = new Map<string, ListWatch<LiveObject>[]>();
  private readonly objects = new Map<string, CachedObject>();
  private readonly byApp = new Map<string, Set<string>>();
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly typeProblems = new Map<string, string>();
  /** The version each group/kind is watched at, so a CRD's new storage version re-opens its watch. */
  private readonly watchedVersion = new Map<string, string>();
  private rediscovery: NodeJS.Timeout | undefined;
  private readonly listedPaths = new Set<string>();
  private stopped = false;
  /** Change events start once the first lists are in: a cold start refreshes every app anyway. */
  private ready = false;
  lastSyncAt = 0;
  /** The API server's version without the leading v, e.g. 1.31.0 (Helm's --kube-version). */
  kubeVersion = '';

  constructor(private readonly options: ClusterCacheOptions) {}

  get server(): string {
    return this.options.server;
  }

  /** The cluster's API with this cache's credentials (the sync engine writes through it). */
  get http(): KubeHttp {
    return this.options.http;
  }

  /**
   * An object a write just returned: taken in at once, so the next look at it
   * (a sync waiting for health) does not wait for the watch to deliver it.
   */
  written(object: LiveObject): void {
    const type = this.typeOf(apiGroupOf(object.apiVersion), object.kind ?? '');
    if (type) this.apply(type, 'MODIFIED', object);
  }

  /** A write deleted this object (the watch will say so too). */
  deleted(group: string, kind: string, namespace: string, name: string): void {
    const type = this.typeOf(group, kind);
    if (type) this.remove(cacheKey(group, kind, type.namespaced ? namespace : '', name));
  }

  /** Discovery again now: a sync that just created a CRD needs its kind before its objects can be applied. */
  async refreshDiscovery(): Promise<void> {
    await this.discover();
  }

  async start(): Promise<void> {
    await this.discover();
    this.ready = true;
    this.lastSyncAt = Date.now();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.rediscovery);
    for (const list of this.watchers.values()) for (const watcher of list) watcher.stop();
    this.watchers.clear();
  }

  apiTypes(): ApiResourceType[] {
    return [...this.types.values()];
  }

  typeOf(group: string, kind: string): ApiResourceType | undefined {
    return this.types.get(groupKindKey(group, kind));
  }

  /** undefined: the cluster does not serve this kind. */
  isNamespaced(group: string, kind: string): boolean | undefined {
    return this.typeOf(group, kind)?.namespaced;
  }

  get(group: string, kind: string, namespace: string, name: string): CachedObject | undefined {
    return this.objects.get(cacheKey(group, kind, namespace, name));
  }

  managedBy(appInstance: string): CachedObject[] {
    const keys = this.byApp.get(appInstance);
    if (!keys) return [];
    const result: CachedObject[] = [];
    for (const key of keys) {
      const object = this.objects.get(key);
      if (object) result.push(object);
    }
    return result;
  }

  inNamespace(namespace: string): CachedObject[] {
    return [...(this.byNamespace.get(namespace) ?? [])].flatMap((key) => this.objects.get(key) ?? []);
  }

  childrenOf(uid: string): CachedObject[] {
    return [...(this.byOwner.get(uid) ?? [])].flatMap((key) => this.objects.get(key) ?? []);
  }

  get size(): number {
    return this.objects.size;
  }

  /** Types that could not be listed or watched, with why. */
  problems(): string[] {
    return [...this.typeProblems.values()];
  }

  /** The full object: parsed from the cache when tracked, else read from the API server. */
  async fullObject(object: CachedObject): Promise<LiveObject | undefined> {
    if (object.json) return JSON.parse(object.json) as LiveObject;
    try {
      return await this.options.http.getJson<LiveObject>(objectPath(object.type, object.namespace, object.name));
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** `group/version` of every served API, for Helm's --api-versions (every refresh asks: kept per discovery). */
  apiVersions(): string[] {
    return this.servedVersions;
  }

  private async discover(): Promise<void> {
    const version = await this.options.http.getJson<{ gitVersion?: string }>('/version');
    this.kubeVersion = (version.gitVersion ?? '').replace(/^v/, '').replace(/[-+].*$/, '');
    const discovered = await discoverApiResources(this.options.http);
    const wanted = new Map<string, ApiResourceType>();
    for (const type of discovered) {
      if (!type.verbs.includes('list') || !type.verbs.includes('watch')) continue;
      if (this.options.filter.isExcluded(type.group, type.kind, this.options.server)) continue;
      if (!type.namespaced && this.options.namespaces.length > 0 && !this.options.clusterResources) continue;
      wanted.set(groupKindKey(type.group, type.kind), type);
    }
    // Every served kind is known for scope questions, watched or not.
    this.types = new Map(discovered.map((type) => [groupKindKey(type.group, type.kind), type]));
    this.servedVersions = [
      ...new Set(discovered.map((type) => (type.group ? `${type.group}/${type.version}` : type.version))),
    ];
    for (const [key, list] of this.watchers) {
      const type = wanted.get(key);
      if (type && list[0] && this.watchedVersion.get(key) === type.version) continue;
      for (const watcher of list) watcher.stop();
      this.watchers.delete(key);
      this.dropType(key);
    }
    const starting = [...wanted].filter(([key]) => !this.watchers.has(key));
    await runLimited(starting, this.options.listConcurrency ?? 8, ([key, type]) => this.watchType(key, type));
  }

  private async watchType(key: string, type: ApiResourceType): Promise<void> {
    const paths =
      type.namespaced && this.options.namespaces.length > 0
        ? this.options.namespaces.map((namespace) => collectionPath(type, namespace))
        : [collectionPath(type)];
    const watchers = paths.map(
      (path) =>
        new ListWatch<LiveObject>(
          this.options.http,
          path,
          {
            replace: (items) => this.replace(type, path, items),
            event: (eventType, item) => this.apply(type, eventType, item),
            failed: (error) => this.typeFailed(key, error),
          },
          { pageSize: this.options.pageSize ?? 500 },
        ),
    );
    this.watchers.set(key, watchers);
    this.watchedVersion.set(key, type.version);
    const results = await Promise.allSettled(watchers.map((watcher) => watcher.start()));
    const failed = results.find((result) => result.status === 'rejected');
    if (!failed) {
      this.typeProblems.delete(key);
      return;
    }
    const error = failed.reason as Error;
    for (const watcher of watchers) watcher.stop();
    this.watchers.delete(key);
    // A kind this cluster's credentials may not list stays unwatched (as in Argo CD); apps that deploy
    // it hear why. Anything else (the server failing, throttling past the retries) fails the cache.
    if (error instanceof KubeHttpError && [403, 404, 405].includes(error.status)) this.typeFailed(key, error);
    else throw error;
  }

  /** Why a kind is not watched, when listing it failed. */
  problemWith(group: string, kind: string): string | undefined {
    return this.typeProblems.get(groupKindKey(group, kind));
  }

  private typeFailed(key: string, error: Error): void {
    if (this.stopped) return;
    const message = `cannot watch ${key}: ${error.message}`;
    if (this.typeProblems.get(key) !== message) this.options.onProblem?.(message);
    this.typeProblems.set(key, message);
  }

  /** A (re-)list of one collection: objects it no longer has are gone. */
  private replace(type: ApiResourceType, path: string, items: LiveObject[]): void {
    const seen = new Set<string>();
    for (const item of items) {
      const object = toCachedObject(item, type, this.options.tracking);
      const key = keyOf(object);
      seen.add(key);
      this.store(key, object);
    }
    const firstList = !this.listedPaths.has(path);
    this.listedPaths.add(path);
    if (firstList) return;
    const namespace = /\/namespaces\/([^/]+)\//.exec(path)?.[1];
    for (const [key, object] of this.objects) {
      if (object.type !== type || seen.has(key)) continue;
      if (namespace !== undefined && object.namespace !== namespace) continue;
      this.remove(key);
    }
    this.lastSyncAt = Date.now();
  }

  private apply(type: ApiResourceType, eventType: 'ADDED' | 'MODIFIED' | 'DELETED', item: LiveObject): void {
    const object = toCachedObject(item, type, this.options.tracking);
    const key = keyOf(object);
    if (eventType === 'DELETED') this.remove(key);
    else this.store(key, object);
    this.lastSyncAt = Date.now();
    if (groupKindKey(type.group, type.kind) === CRD_KEY) this.scheduleRediscovery();
  }

  private store(key: string, object: CachedObject): void {
    const previous = this.objects.get(key);
    if (previous && previous.resourceVersion === object.resourceVersion && previous.uid === object.uid) return;
    this.objects.set(key, object);
    this.unindex(key, previous);
    if (object.appInstance !== undefined) addTo(this.byApp, object.appInstance, key);
    for (const owner of object.ownerUids ?? []) addTo(this.byOwner, owner, key);
    if (object.namespace) addTo(this.byNamespace, object.namespace, key);
    this.ownedChanged(object, previous);
    if (previous === undefined || previous.uid !== object.uid || previous.appInstance !== undefined)
      this.untrackedCameOrWent(object);
    const appInstances = new Set<string>();
    if (previous?.appInstance !== undefined) appInstances.add(previous.appInstance);
    if (object.appInstance !== undefined) appInstances.add(object.appInstance);
    if (appInstances.size === 0 || !this.ready) return;
    const specChanged =
      previous === undefined ||
      previous.uid !== object.uid ||
      previous.appInstance !== object.appInstance ||
      previous.specFingerprint !== object.specFingerprint;
    this.options.onChange({ server: this.options.server, key, appInstances: [...appInstances], specChanged });
  }

  private remove(key: string): void {
    const previous = this.objects.get(key);
    if (!previous) return;
    this.objects.delete(key);
    this.unindex(key, previous);
    this.ownedChanged(previous, undefined);
    this.untrackedCameOrWent(previous);
    if (previous.appInstance !== undefined && this.ready)
      this.options.onChange({
        server: this.options.server,
        key,
        appInstances: [previous.appInstance],
        specChanged: true,
      });
  }

  private untrackedCameOrWent(object: CachedObject): void {
    // Owned objects are reached through their owner; a change of spec does not change the orphan list.
    if (!this.ready || object.appInstance !== undefined || object.ownerUids?.length || !object.namespace) return;
    this.options.onUntrackedChange?.(object.namespace);
  }

  private ownedChanged(object: CachedObject, previous: CachedObject | undefined): void {
    const notify = this.options.onOwnedChange;
    if (notify === undefined || !this.ready) return;
    const owners = object.ownerUids ?? [];
    const previousOwners = previous?.ownerUids ?? [];
    if (owners.length === 0 && previousOwners.length === 0) return;
    notify([...(object.uid ? [object.uid] : []), ...owners, ...previousOwners]);
  }

  private unindex(key: string, previous: CachedObject | undefined): void {
    if (!previous) return;
    if (previous.appInstance !== undefined) removeFrom(this.byApp, previous.appInstance, key);
    for (const owner of previous.ownerUids ?? []) removeFrom(this.byOwner, owner, key);
    if (previous.namespace) removeFrom(this.byNamespace, previous.namespace, key);
  }

  private dropType(groupKind: string): void {
    for (const [key, object] of this.objects)
      if (groupKindKey(object.type.group, object.type.kind) === groupKind) this.remove(key);
    this.typeProblems.delete(groupKind);
  }

  private scheduleRediscovery(): void {
    clearTimeout(this.rediscovery);
    this.rediscovery = setTimeout(() => {
      if (this.stopped) return;
      this.discover().catch((error: Error) => this.options.onProblem?.(`discovery: ${error.message}`));
    }, 300);
  }
}

function addTo(index: Map<string, Set<string>>, name: string, key: string): void {
  let keys = index.get(name);
  if (!keys) index.set(name, (keys = new Set()));
  keys.add(key);
}

function removeFrom(index: Map<string, Set<string>>, name: string, key: string): void {
  const keys = index.get(name);
  if (!keys) return;
  keys.delete(key);
  if (keys.size === 0) index.delete(name);
}

async function runLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  });
  await Promise.all(workers);
}
