// Publishes each app's resource tree and managed resources to Redis for the
// API (which has no cluster caches, and may run on another replica): the
// tree after every refresh and whenever a descendant the refresh does not
// watch (a Pod, a ReplicaSet) changes — the cluster cache reports owned
// objects with their owners' uids, and a uid → apps index says whose tree
// that touches — as one compressed key per app plus a delta on the app's
// channel, only when something changed; the managed resources after every
// comparison, when they changed. When the project monitors orphaned
// resources, the refresh's orphans and what they own are published too
// (orphanedNodes), and watched the same way.
import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { type Redis } from 'ioredis';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { RedisConnections } from '../../redis/redis-connections.service';
import { type CachedObject } from '../live-state/cached-object';
import { LiveStateService } from '../live-state/live-state.service';
import { treeNodes, walkTree } from './build-tree';
import { DetailMemo } from './detail-memo';
import { managedResources, type ComparedResources } from './managed-resources';
import { decodeRecord, encodeRecord } from './record-codec';
import { type RefreshObserver, type RefreshSnapshot } from './refresh-observer';
import { isEmptyDelta, resourceTreeDelta } from './tree-delta';
import { TREE_TTL_MS, treeKeys } from './tree-keys';
import { type TreeDeltaMessage, type TreeLists, type TreeRecord } from './tree-node';

/** A delta larger than this is published as a reset: subscribers read the tree instead. */
const MAX_DELTA_BYTES = 64 * 1024;

interface AppTree {
  /** Undefined until the app's first refresh finished (a comparison comes first). */
  snapshot: RefreshSnapshot | undefined;
  details: DetailMemo | undefined;
  /** What is stored in Redis; undefined until read or written. */
  published: TreeRecord | undefined;
  /** The objects the last build saw: the cache replaces an object on every change, so identity tells. */
  seen: readonly CachedObject[];
  running: Promise<void> | undefined;
  again: boolean;
  renewedAt: number;
  managedDigest: string | undefined;
}

@Injectable()
export class ResourceTreePublisher implements RefreshObserver, OnApplicationShutdown {
  private readonly logger = new Logger('resource-tree');
  private readonly apps = new Map<string, AppTree>();
  /** uid of every object in a published tree → the apps whose tree holds it. */
  private readonly appsByUid = new Map<string, Set<string>>();
  private redisClient: Redis | undefined;
  private readonly unsubscribe: (() => void) | undefined;

  constructor(
    private readonly connections: RedisConnections,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
    @Optional() live?: LiveStateService,
  ) {
    this.unsubscribe = live?.onOwnedChange((uids) => this.ownedObjectsChanged(uids));
  }

  compared(appKey: string, resources: ComparedResources): void {
    let records: Buffer;
    try {
      records = encodeRecord(managedResources(resources));
    } catch (error) {
      this.logger.warn(`managed resources of ${appKey}: ${(error as Error).message}`);
      return;
    }
    const digest = createHash('sha1').update(records).digest('base64');
    const app = this.entry(appKey);
    if (app.managedDigest === digest) return;
    app.managedDigest = digest;
    this.redis()
      .set(treeKeys(this.config.namespace, appKey).managed, records, 'PX', TREE_TTL_MS)
      .catch((error: Error) => {
        app.managedDigest = undefined;
        this.logger.warn(`storing managed resources of ${appKey}: ${error.message}`);
      });
  }

  refreshed(appKey: string, snapshot: RefreshSnapshot): void {
    const app = this.entry(appKey);
    if (app.snapshot?.cache !== snapshot.cache) app.details = new DetailMemo();
    app.snapshot = snapshot;
    this.schedule(appKey, app);
  }

  forgotten(appKey: string): void {
    const app = this.apps.get(appKey);
    if (app) this.index(appKey, app.seen, []);
    this.apps.delete(appKey);
  }

  /**
   * An owned object changed (ClusterCache.onOwnedChange): rebuilds the trees
   * holding it or one of its owners — a new Pod's ReplicaSet is in the tree
   * before the Pod is.
   */
  ownedObjectsChanged(uids: readonly string[]): void {
    for (const uid of uids)
      for (const appKey of this.appsByUid.get(uid) ?? []) {
        const app = this.apps.get(appKey);
        if (app?.snapshot) this.schedule(appKey, app);
      }
  }

  /** Waits for every build in progress (tests and benchmarks). */
  async settled(): Promise<void> {
    for (;;) {
      const running = [...this.apps.values()].flatMap((app) => app.running ?? []);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  private entry(appKey: string): AppTree {
    let app = this.apps.get(appKey);
    if (!app) {
      app = {
        snapshot: undefined,
        details: undefined,
        published: undefined,
        seen: [],
        running: undefined,
        again: false,
        renewedAt: Date.now(),
        managedDigest: undefined,
      };
      this.apps.set(appKey, app);
    }
    return app;
  }

  private schedule(appKey: string, app: AppTree): void {
    if (app.running) {
      app.again = true;
      return;
    }
    app.running = (async () => {
      do {
        app.again = false;
        try {
          await this.build(appKey, app);
        } catch (error) {
          this.logger.warn(`resource tree of ${appKey}: ${(error as Error).message}`);
        }
      } while (app.again && this.apps.get(appKey) === app);
      app.running = undefined;
    })();
  }

  private async build(appKey: string, app: AppTree): Promise<void> {
    if (!app.snapshot || !app.details) return;
    const { cache, health, orphans } = app.snapshot;
    const details = app.details;
    const walked = walkTree(cache, currentRoots(cache, app.snapshot.roots));
    const orphaned = orphans
      ? walkTree(cache, currentRoots(cache, orphans.roots), (object) => orphans.admits(object))
      : [];
    const seen = [...walked, ...orphaned].map((entry) => entry.object);
    details.load(seen);
    const inputs = {
      details: (object: CachedObject) => details.get(object),
      assessedHealth: (key: string) => health.get(key),
    };
    const lists: Required<TreeLists> = { nodes: treeNodes(walked, inputs), orphanedNodes: treeNodes(orphaned, inputs) };
    const keys = treeKeys(this.config.namespace, appKey);
    app.published ??= await this.readStored(keys.tree);
    const previous = app.published;
    const delta = resourceTreeDelta(previous, lists);
    if (isEmptyDelta(delta)) {
      this.see(appKey, app, seen);
      await this.renewIfDue(app, keys.tree, keys.managed);
      return;
    }
    const record: TreeRecord = { revision: previous.revision + 1, ...lists };
    const message: TreeDeltaMessage = { from: previous.revision, revision: record.revision, ...delta };
    let published = JSON.stringify(message);
    if (Buffer.byteLength(published) > MAX_DELTA_BYTES)
      published = JSON.stringify({ from: previous.revision, revision: record.revision, reset: true });
    const results = await this.redis()
      .multi()
      .set(keys.tree, encodeRecord(record), 'PX', TREE_TTL_MS)
      .pexpire(keys.managed, TREE_TTL_MS)
      .publish(keys.deltas, published)
      .exec();
    const failed = results?.find(([error]) => error)?.[0];
    if (failed) throw failed;
    this.see(appKey, app, seen);
    app.published = record;
    app.renewedAt = Date.now();
  }

  private async readStored(key: string): Promise<TreeRecord> {
    const stored = await this.redis().getBuffer(key);
    if (!stored) return { revision: 0, nodes: [] };
    try {
      return decodeRecord<TreeRecord>(stored);
    } catch {
      return { revision: 0, nodes: [] };
    }
  }

  /** An unchanged app's keys outlive the TTL: renewed every quarter of it. */
  private async renewIfDue(app: AppTree, ...keys: string[]): Promise<void> {
    if (Date.now() - app.renewedAt < TREE_TTL_MS / 4) return;
    app.renewedAt = Date.now();
    const pipeline = this.redis().multi();
    for (const key of keys) pipeline.pexpire(key, TREE_TTL_MS);
    await pipeline.exec();
  }

  /** Records what the app's tree holds now, keeping the uid index in step. */
  private see(appKey: string, app: AppTree, seen: readonly CachedObject[]): void {
    if (this.apps.get(appKey) === app) this.index(appKey, app.seen, seen);
    app.seen = seen;
  }

  private index(appKey: string, before: readonly CachedObject[], after: readonly CachedObject[]): void {
    for (const object of before) {
      const holders = object.uid ? this.appsByUid.get(object.uid) : undefined;
      holders?.delete(appKey);
      if (holders?.size === 0) this.appsByUid.delete(object.uid);
    }
    for (const object of after) {
      if (!object.uid) continue;
      let holders = this.appsByUid.get(object.uid);
      if (!holders) this.appsByUid.set(object.uid, (holders = new Set()));
      holders.add(appKey);
    }
  }

  private redis(): Redis {
    this.redisClient ??= this.connections.create('resource-tree');
    return this.redisClient;
  }
}

/** The roots as the cache holds them now (the snapshot's copies may be older; a deleted one is gone). */
function currentRoots(cache: RefreshSnapshot['cache'], roots: readonly CachedObject[]): CachedObject[] {
  return roots.flatMap((root) => cache.get(root.type.group, root.type.kind, root.namespace, root.name) ?? []);
}
