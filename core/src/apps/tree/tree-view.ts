// Stored tree records → API models, field by field (an allow-list: nothing
// else a record might carry leaves the server), and the optional filters of
// the resourceTree field. Pure.
import { type NodePatch, type TreeNode, type TreeNodeHealth, type TreeNodeRef } from '../../controller/tree/tree-node';
import { HealthStatusCode } from '../models/application.model';
import {
  type ResourceTreeHealthModel,
  type ResourceTreeNodeModel,
  type ResourceTreeNodePatchModel,
  type ResourceTreeRefModel,
} from './resource-tree.model';

export interface TreeFilter {
  kinds?: readonly string[] | null;
  namespaces?: readonly string[] | null;
  names?: readonly string[] | null;
}

interface Named {
  kind: string;
  namespace: string;
  name: string;
}

/** Nodes (or managed resources) matching every given filter (values of one filter ORed). */
export function filterNodes<T extends Named>(nodes: readonly T[], filter: TreeFilter): readonly T[] {
  const kinds = filter.kinds?.length ? new Set(filter.kinds) : undefined;
  const namespaces = filter.namespaces?.length ? new Set(filter.namespaces) : undefined;
  const names = filter.names?.length ? new Set(filter.names) : undefined;
  if (!kinds && !namespaces && !names) return nodes;
  return nodes.filter(
    (node) =>
      (!kinds || kinds.has(node.kind)) &&
      (!namespaces || namespaces.has(node.namespace)) &&
      (!names || names.has(node.name)),
  );
}

function refModel(ref: TreeNodeRef): ResourceTreeRefModel {
  return { group: ref.group, kind: ref.kind, namespace: ref.namespace, name: ref.name, uid: ref.uid };
}

function healthModel(health: TreeNodeHealth): ResourceTreeHealthModel {
  const known = (Object.values(HealthStatusCode) as string[]).includes(health.status);
  return {
    status: known ? (health.status as HealthStatusCode) : HealthStatusCode.Unknown,
    message: health.message ?? null,
  };
}

export function nodeModel(node: TreeNode): ResourceTreeNodeModel {
  return {
    ...refModel(node),
    version: node.version,
    resourceVersion: node.resourceVersion,
    parentRefs: (node.parentRefs ?? []).map(refModel),
    health: node.health ? healthModel(node.health) : null,
    info: (node.info ?? []).map((item) => ({ name: item.name, value: item.value })),
    images: [...(node.images ?? [])],
    createdAt: node.createdAt ? new Date(node.createdAt) : null,
  };
}

export function patchModel(patch: NodePatch): ResourceTreeNodePatchModel {
  const model: ResourceTreeNodePatchModel = { uid: patch.uid, cleared: [...(patch.cleared ?? [])] };
  if (patch.group !== undefined) model.group = patch.group;
  if (patch.version !== undefined) model.version = patch.version;
  if (patch.kind !== undefined) model.kind = patch.kind;
  if (patch.namespace !== undefined) model.namespace = patch.namespace;
  if (patch.name !== undefined) model.name = patch.name;
  if (patch.resourceVersion !== undefined) model.resourceVersion = patch.resourceVersion;
  if (patch.parentRefs !== undefined) model.parentRefs = patch.parentRefs.map(refModel);
  if (patch.health !== undefined) model.health = healthModel(patch.health);
  if (patch.info !== undefined) model.info = patch.info.map((item) => ({ name: item.name, value: item.value }));
  if (patch.images !== undefined) model.images = [...patch.images];
  if (patch.createdAt !== undefined) model.createdAt = new Date(patch.createdAt);
  return model;
}
