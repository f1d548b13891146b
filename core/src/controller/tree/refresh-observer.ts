// What a refresh tells those who publish its results (the resource tree and
// managed resources), through RefreshPorts.observer. Calls are synchronous
// and never throw: the observer queues its own work, so publishing never
// slows or fails a refresh.
import { type CachedObject } from '../live-state/cached-object';
import { type ComparedResources } from './managed-resources';
import { type TreeSource } from './build-tree';
import { type TreeNodeHealth } from './tree-node';

/**
 * The orphaned resources a refresh found (its OrphanedResourceWarning
 * computation): the top-level orphans, and which objects below them belong
 * in the list too — re-asked of objects that appear between refreshes.
 */
export interface RefreshOrphans {
  roots: readonly CachedObject[];
  admits(object: CachedObject): boolean;
}

/** The live side of a finished refresh. */
export interface RefreshSnapshot {
  cache: TreeSource & {
    get(group: string, kind: string, namespace: string, name: string): CachedObject | undefined;
  };
  /** The app's live objects (the tree's roots). */
  roots: readonly CachedObject[];
  /** The refresh's health of its tracked resources, by resource key. */
  health: ReadonlyMap<string, TreeNodeHealth | undefined>;
  /** Undefined when the app's project does not monitor orphaned resources. */
  orphans?: RefreshOrphans;
}

export interface RefreshObserver {
  /** A comparison ran (its diffs exist only now). */
  compared(appKey: string, resources: ComparedResources): void;
  /** A refresh finished with a comparison result, new or reused. */
  refreshed(appKey: string, snapshot: RefreshSnapshot): void;
  /** The refresher dropped what it remembered of the app (deleted, moved to another replica). */
  forgotten(appKey: string): void;
}
