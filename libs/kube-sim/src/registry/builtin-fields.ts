// Top-level fields of the built-in kinds. kube-apiserver decodes built-in
// objects into Go structs, so a field the struct lacks is dropped (and refused
// with fieldValidation=Strict). The simulator has no full schemas for built-in
// kinds; it checks the top level, which is where a misplaced block (`spec:` on
// a ConfigMap, `data:` on a Deployment) lands. Kinds missing here keep every
// field.
import type { KubeObject } from '../store/kube-object';

const SPEC_AND_STATUS = ['spec', 'status'];

const TOP_LEVEL_FIELDS: Record<string, readonly string[]> = {
  Namespace: SPEC_AND_STATUS,
  ConfigMap: ['data', 'binaryData', 'immutable'],
  Secret: ['data', 'stringData', 'type', 'immutable'],
  Service: SPEC_AND_STATUS,
  Endpoints: ['subsets'],
  ServiceAccount: ['secrets', 'imagePullSecrets', 'automountServiceAccountToken'],
  Pod: SPEC_AND_STATUS,
  PersistentVolumeClaim: SPEC_AND_STATUS,
  PersistentVolume: SPEC_AND_STATUS,
  Node: SPEC_AND_STATUS,
  ResourceQuota: SPEC_AND_STATUS,
  LimitRange: ['spec'],
  Deployment: SPEC_AND_STATUS,
  ReplicaSet: SPEC_AND_STATUS,
  StatefulSet: SPEC_AND_STATUS,
  DaemonSet: SPEC_AND_STATUS,
  ControllerRevision: ['data', 'revision'],
  Job: SPEC_AND_STATUS,
  CronJob: SPEC_AND_STATUS,
  Ingress: SPEC_AND_STATUS,
  IngressClass: ['spec'],
  NetworkPolicy: ['spec'],
  Role: ['rules'],
  ClusterRole: ['rules', 'aggregationRule'],
  RoleBinding: ['subjects', 'roleRef'],
  ClusterRoleBinding: ['subjects', 'roleRef'],
  HorizontalPodAutoscaler: SPEC_AND_STATUS,
  CustomResourceDefinition: SPEC_AND_STATUS,
  Lease: ['spec'],
  PodDisruptionBudget: SPEC_AND_STATUS,
  StorageClass: [
    'provisioner',
    'parameters',
    'reclaimPolicy',
    'mountOptions',
    'allowVolumeExpansion',
    'volumeBindingMode',
    'allowedTopologies',
  ],
};

const ALWAYS = new Set(['apiVersion', 'kind', 'metadata']);

/** Drops the top-level fields `kind` does not have; returns their names. */
export function pruneUnknownBuiltinFields(object: KubeObject): string[] {
  const known = object.kind ? TOP_LEVEL_FIELDS[object.kind] : undefined;
  if (!known) return [];
  const pruned: string[] = [];
  for (const key of Object.keys(object)) {
    if (ALWAYS.has(key) || known.includes(key)) continue;
    delete (object as Record<string, unknown>)[key];
    pruned.push(key);
  }
  return pruned;
}
