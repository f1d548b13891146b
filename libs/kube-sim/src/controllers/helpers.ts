// Small shared pieces of the simulated controllers: type lookup, owner
// references, pod ownership, template hashes, conditions and status writes.
import { createHash } from 'node:crypto';
import type { ClusterApi } from '../api/cluster-api';
import { apiVersionOf, storageKey, type ResourceType } from '../registry/resource-type';
import { deepEqual, isPlainObject, type JsonObject, type KubeObject, type OwnerReference } from '../store/kube-object';

export const CONTROLLER_MANAGER = 'kube-controller-manager';

export function typeOf(api: ClusterApi, group: string, kind: string): ResourceType {
  const type = api.types.byKind(group, kind);
  if (!type) throw new Error(`kube-sim: built-in kind ${group}/${kind} is not registered`);
  return type;
}

export function keyOf(api: ClusterApi, group: string, kind: string): string {
  return storageKey(typeOf(api, group, kind));
}

export function controllerRef(owner: KubeObject, type: ResourceType): OwnerReference {
  return {
    apiVersion: apiVersionOf(type.group, type.versions[0] ?? 'v1'),
    kind: type.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((owner) => owner.controller === true);
}

/** Objects of `key` in `namespace` whose controller is `ownerUid`. */
export function ownedBy(api: ClusterApi, key: string, namespace: string | undefined, ownerUid: string): KubeObject[] {
  return api.owners
    .dependentsOf(ownerUid)
    .filter((ref) => ref.key === key && ref.namespace === namespace)
    .map((ref) => api.store.get(ref.key, ref.namespace, ref.name))
    .filter((object): object is KubeObject => object !== undefined && controllerOf(object)?.uid === ownerUid);
}

/** Stable 10-character hash of a pod template, like pod-template-hash. */
export function templateHash(template: unknown): string {
  return createHash('sha256').update(stableJson(template)).digest('hex').slice(0, 10);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
}

/** Sets a condition, keeping lastTransitionTime when the status does not change. */
export function setCondition(
  conditions: unknown,
  condition: Condition,
  now: string,
  withUpdateTime = false,
): Condition[] {
  const list = (Array.isArray(conditions) ? conditions : []) as Condition[];
  const existing = list.find((candidate) => candidate.type === condition.type);
  const sameStatus = existing?.status === condition.status;
  const unchanged = sameStatus && existing?.reason === condition.reason && existing?.message === condition.message;
  const next: Condition = {
    ...condition,
    ...(withUpdateTime ? { lastUpdateTime: unchanged ? (existing?.lastUpdateTime ?? now) : now } : {}),
    lastTransitionTime: sameStatus ? (existing?.lastTransitionTime ?? now) : now,
  };
  return existing ? list.map((candidate) => (candidate === existing ? next : candidate)) : [...list, next];
}

export function conditionOf(object: KubeObject | undefined, type: string): Condition | undefined {
  const status = isPlainObject(object?.status) ? object.status : {};
  return (Array.isArray(status.conditions) ? (status.conditions as Condition[]) : []).find(
    (condition) => condition.type === type,
  );
}

/** Writes a new status through the status subresource unless it is unchanged. */
export function writeStatus(
  api: ClusterApi,
  type: ResourceType,
  object: KubeObject,
  status: JsonObject,
  manager = CONTROLLER_MANAGER,
): KubeObject {
  if (deepEqual(object.status, status)) return object;
  return api.update(
    type,
    object.metadata.namespace,
    object.metadata.name ?? '',
    { ...object, status },
    { fieldManager: manager, subresource: 'status' },
  );
}

export function spec(object: KubeObject): JsonObject {
  return isPlainObject(object.spec) ? object.spec : {};
}

export function status(object: KubeObject): JsonObject {
  return isPlainObject(object.status) ? object.status : {};
}

export function isPodReady(pod: KubeObject): boolean {
  return conditionOf(pod, 'Ready')?.status === 'True';
}

export function isPodActive(pod: KubeObject): boolean {
  const phase = status(pod).phase;
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/** A pod object built from a template, owned by `owner`. */
export function podFromTemplate(
  template: unknown,
  name: string,
  namespace: string,
  ownerRef: OwnerReference,
  extraLabels: Record<string, string> = {},
): KubeObject {
  const source = isPlainObject(template) ? template : {};
  const metadata = isPlainObject(source.metadata) ? source.metadata : {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: { ...((metadata.labels as Record<string, string> | undefined) ?? {}), ...extraLabels },
      ...(isPlainObject(metadata.annotations) ? { annotations: metadata.annotations as Record<string, string> } : {}),
      ownerReferences: [ownerRef],
    },
    spec: structuredClone(isPlainObject(source.spec) ? source.spec : {}),
  };
}

export function randomSuffix(length = 5): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let suffix = '';
  for (let index = 0; index < length; index += 1) suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
  return suffix;
}

/** Resolves an int-or-percent (maxSurge, maxUnavailable) against a total. */
export function intOrPercent(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.endsWith('%')) {
    const raw = (Number(value.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(raw) : Math.floor(raw);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return 0;
}

export function annotation(object: KubeObject, name: string): string | undefined {
  return object.metadata.annotations?.[name];
}

export function isPlainObjectValue(value: unknown): value is JsonObject {
  return isPlainObject(value);
}
