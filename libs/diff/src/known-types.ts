// What the engine knows about built-in Kubernetes types without an OpenAPI schema: which API
// groups are built in, which lists merge by key (strategic merge patch), which fields hold
// resource quantities. Custom resources get none of this, as in Argo CD, where they fall back to
// a JSON merge patch.
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'node.k8s.io',
  'certificates.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io',
]);

export function isBuiltInGroup(group: string): boolean {
  return BUILT_IN_GROUPS.has(group);
}

/** Strategic-merge list keys of built-in types, by field name. `ports` depends on its items. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  secrets: 'name',
  resourceClaims: 'name',
  topologySpreadConstraints: 'topologyKey',
  schedulingGates: 'name',
  ownerReferences: 'uid',
  conditions: 'type',
  webhooks: 'name',
};

/** Lists of scalars that strategic merge treats as sets (other writers may add items). */
const SET_LISTS = new Set(['finalizers']);

export function isSetList(field: string): boolean {
  return SET_LISTS.has(field);
}

export function mergeKeyFor(field: string, sample: unknown): string | undefined {
  if (field === 'ports') {
    if (typeof sample !== 'object' || sample === null) return undefined;
    return 'containerPort' in sample ? 'containerPort' : 'port' in sample ? 'port' : undefined;
  }
  return MERGE_KEYS[field];
}

const QUANTITY_PARENTS = new Set([
  'limits',
  'requests',
  'hard',
  'capacity',
  'allocatable',
  'overhead',
  'max',
  'min',
  'default',
  'defaultRequest',
  'maxLimitRequestRatio',
]);

export function isQuantityField(parentField: string | undefined, field: string): boolean {
  return field === 'sizeLimit' || (parentField !== undefined && QUANTITY_PARENTS.has(parentField));
}
