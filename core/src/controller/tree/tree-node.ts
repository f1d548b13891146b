// The resource tree of one application as the API serves it: Argo CD's
// ApplicationTree nodes (ResourceNode), keyed by uid. Pure types shared by the
// controller, which builds and publishes trees, and the API, which reads them.

/** Identifies a node's owner (Argo CD's ResourceRef without version). */
export interface TreeNodeRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}

export interface TreeNodeHealth {
  status: string;
  message?: string;
}

export interface TreeNodeInfo {
  name: string;
  value: string;
}

export interface TreeNode extends TreeNodeRef {
  version: string;
  resourceVersion: string;
  /** Owners that are part of this tree. */
  parentRefs?: TreeNodeRef[];
  health?: TreeNodeHealth;
  /** Argo CD's info items (a Pod's phase, ready containers, restarts, node). */
  info?: TreeNodeInfo[];
  /** Container images (Pods). */
  images?: string[];
  createdAt?: string;
}

/** The fields a node delta may carry besides its uid. */
export const NODE_FIELDS = [
  'group',
  'kind',
  'namespace',
  'name',
  'version',
  'resourceVersion',
  'parentRefs',
  'health',
  'info',
  'images',
  'createdAt',
] as const satisfies readonly (keyof TreeNode)[];

export type NodeField = (typeof NODE_FIELDS)[number];

/** An app's tree without its revision: its own objects' nodes, and the orphaned resources' (Argo CD's orphanedNodes). */
export interface TreeLists {
  nodes: TreeNode[];
  /** Absent in records stored before orphans were published; empty when the project does not monitor them. */
  orphanedNodes?: TreeNode[];
}

/** What is stored per app: the lists, and a revision every change increments (deltas name it). */
export interface TreeRecord extends TreeLists {
  revision: number;
}

/** A changed node: its uid, the fields that changed to a value, and the optional fields that went away. */
export type NodePatch = { uid: string; cleared?: NodeField[] } & Partial<Pick<TreeNode, NodeField>>;

export interface TreeDelta {
  added: TreeNode[];
  updated: NodePatch[];
  removed: string[];
}

/** A change of both lists; `orphaned` only when orphanedNodes changed. */
export interface ResourceTreeDelta extends TreeDelta {
  orphaned?: TreeDelta;
}

/** A delta as published: `from` is the revision it applies to, `revision` the one it makes. `reset`: too big, read the tree. */
export interface TreeDeltaMessage extends Partial<TreeDelta> {
  /** The change of orphanedNodes; absent when they did not change. */
  orphaned?: Partial<TreeDelta>;
  from: number;
  revision: number;
  reset?: true;
}
