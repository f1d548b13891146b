// The difference between two versions of a tree, by uid: nodes added, nodes
// removed, and for each changed node only the fields that changed — a Pod
// that turned ready costs its resourceVersion, health and info, not its
// whole node or the tree. Pure.
import {
  NODE_FIELDS,
  type NodeField,
  type NodePatch,
  type ResourceTreeDelta,
  type TreeDelta,
  type TreeLists,
  type TreeNode,
} from './tree-node';

export function treeDelta(before: readonly TreeNode[], after: readonly TreeNode[]): TreeDelta {
  const previous = new Map(before.map((node) => [node.uid, node]));
  const added: TreeNode[] = [];
  const updated: NodePatch[] = [];
  for (const node of after) {
    const old = previous.get(node.uid);
    previous.delete(node.uid);
    if (!old) {
      added.push(node);
      continue;
    }
    const patch = nodePatch(old, node);
    if (patch) updated.push(patch);
  }
  return { added, updated, removed: [...previous.keys()] };
}

export function isEmptyDelta(delta: ResourceTreeDelta): boolean {
  return (
    delta.added.length === 0 &&
    delta.updated.length === 0 &&
    delta.removed.length === 0 &&
    (delta.orphaned === undefined || isEmptyDelta(delta.orphaned))
  );
}

/**
 * Both lists' deltas, each by uid within its list (an object may be in both:
 * owned by a tracked object and by an orphan). `orphaned` only when the
 * orphans changed, so a delta of the app's own objects reads as before.
 */
export function resourceTreeDelta(before: TreeLists, after: TreeLists): ResourceTreeDelta {
  const delta: ResourceTreeDelta = treeDelta(before.nodes, after.nodes);
  const orphaned = treeDelta(before.orphanedNodes ?? [], after.orphanedNodes ?? []);
  if (!isEmptyDelta(orphaned)) delta.orphaned = orphaned;
  return delta;
}

function nodePatch(before: TreeNode, after: TreeNode): NodePatch | undefined {
  const patch: Record<string, unknown> = {};
  const cleared: NodeField[] = [];
  let changed = false;
  for (const field of NODE_FIELDS) {
    const value = after[field];
    if (sameValue(before[field], value)) continue;
    changed = true;
    if (value === undefined) cleared.push(field);
    else patch[field] = value;
  }
  if (!changed) return undefined;
  return { uid: after.uid, ...patch, ...(cleared.length ? { cleared } : {}) };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Both lists of `before` with a published delta applied (what a client does). */
export function applyResourceTreeDelta(
  before: TreeLists,
  delta: Partial<TreeDelta> & { orphaned?: Partial<TreeDelta> },
): Required<TreeLists> {
  return {
    nodes: applyTreeDelta(before.nodes, delta),
    orphanedNodes: applyTreeDelta(before.orphanedNodes ?? [], delta.orphaned ?? {}),
  };
}

/** `before` with the delta applied, in the delta's order for new nodes (what a client does). */
export function applyTreeDelta(before: readonly TreeNode[], delta: Partial<TreeDelta>): TreeNode[] {
  const removed = new Set(delta.removed ?? []);
  const patches = new Map((delta.updated ?? []).map((patch) => [patch.uid, patch]));
  const nodes = before
    .filter((node) => !removed.has(node.uid))
    .map((node) => {
      const patch = patches.get(node.uid);
      if (!patch) return node;
      const { cleared, ...set } = patch;
      const next: Record<string, unknown> = { ...node, ...set };
      for (const field of cleared ?? []) delete next[field];
      return next as unknown as TreeNode;
    });
  return [...nodes, ...(delta.added ?? [])];
}
