// Builds an app's resource tree from the cluster cache: its live objects and
// everything they own, directly or not (ownerReferences, as the cache indexes
// them). A node's parentRefs are the owners met on the way down, so an owner
// outside the tree is never named. The same walk from the orphaned resources
// gives Argo CD's orphanedNodes. Pure.
import { keyOf, type CachedObject } from '../live-state/cached-object';
import { type NodeDetails } from './node-details';
import { type TreeNode, type TreeNodeHealth, type TreeNodeRef } from './tree-node';

/** What the walk needs of a cluster cache. */
export interface TreeSource {
  childrenOf(uid: string): CachedObject[];
}

export interface WalkedObject {
  object: CachedObject;
  parents: CachedObject[];
}

/**
 * The roots and their descendants, each once, with the owners through which
 * it was reached. An object `admits` refuses is left out with everything
 * below it (reached only through it).
 */
export function walkTree(
  source: TreeSource,
  roots: readonly CachedObject[],
  admits: (object: CachedObject) => boolean = () => true,
): WalkedObject[] {
  const byUid = new Map<string, WalkedObject>();
  const queue: WalkedObject[] = [];
  for (const root of roots) {
    if (!root.uid || byUid.has(root.uid) || !admits(root)) continue;
    const entry = { object: root, parents: [] };
    byUid.set(root.uid, entry);
    queue.push(entry);
  }
  for (let next = 0; next < queue.length; next++) {
    const parent = (queue[next] as WalkedObject).object;
    for (const child of source.childrenOf(parent.uid)) {
      if (!child.uid) continue;
      const known = byUid.get(child.uid);
      if (known) {
        if (!known.parents.includes(parent)) known.parents.push(parent);
        continue;
      }
      if (!admits(child)) continue;
      const entry = { object: child, parents: [parent] };
      byUid.set(child.uid, entry);
      queue.push(entry);
    }
  }
  return queue;
}

export function refOf(object: CachedObject): TreeNodeRef {
  return {
    group: object.type.group,
    kind: object.type.kind,
    namespace: object.namespace,
    name: object.name,
    uid: object.uid,
  };
}

export interface NodeInputs {
  /** Details read from the full object, if it was read. */
  details(object: CachedObject): NodeDetails | undefined;
  /** The refresh's health of a tracked resource, by resource key. */
  assessedHealth(key: string): TreeNodeHealth | undefined;
}

/** Tree nodes of walked objects, ordered by group, kind, namespace and name (a stable answer). */
export function treeNodes(walked: readonly WalkedObject[], inputs: NodeInputs): TreeNode[] {
  const nodes = walked.map(({ object, parents }) => {
    const details = inputs.details(object);
    const health = inputs.assessedHealth(keyOf(object)) ?? details?.health;
    const node: TreeNode = { ...refOf(object), version: object.type.version, resourceVersion: object.resourceVersion };
    if (parents.length > 0) node.parentRefs = parents.map(refOf);
    if (health)
      node.health = health.message ? { status: health.status, message: health.message } : { status: health.status };
    if (details?.info?.length) node.info = details.info;
    const images = details?.images ?? object.images;
    if (images?.length) node.images = [...images];
    if (details?.createdAt) node.createdAt = details.createdAt;
    return node;
  });
  return nodes.sort(compareNodes);
}

function compareNodes(a: TreeNode, b: TreeNode): number {
  return (
    a.group.localeCompare(b.group) ||
    a.kind.localeCompare(b.kind) ||
    a.namespace.localeCompare(b.namespace) ||
    a.name.localeCompare(b.name) ||
    a.uid.localeCompare(b.uid)
  );
}
