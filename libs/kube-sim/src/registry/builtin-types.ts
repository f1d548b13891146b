// The built-in kinds the simulator serves, with their real groups, versions,
// short names and subresources.
import type { ResourceType } from './resource-type';

interface BuiltinSpec {
  group?: string;
  version?: string;
  kind: string;
  plural: string;
  namespaced?: boolean;
  shortNames?: string[];
  status?: boolean;
  scale?: boolean;
  categories?: string[];
}

const ALL = ['all'];

const specs: BuiltinSpec[] = [
  { kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'], status: true },
  { kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'] },
  { kind: 'Secret', plural: 'secrets' },
  { kind: 'Service', plural: 'services', shortNames: ['svc'], status: true, categories: ALL },
  { kind: 'Endpoints', plural: 'endpoints', shortNames: ['ep'] },
  { kind: 'ServiceAccount', plural: 'serviceaccounts', shortNames: ['sa'] },
  { kind: 'Pod', plural: 'pods', shortNames: ['po'], status: true, categories: ALL },
  { kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', shortNames: ['pvc'], status: true },
  { kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false, shortNames: ['pv'], status: true },
  { kind: 'Event', plural: 'events', shortNames: ['ev'] },
  { kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], status: true },
  { kind: 'ResourceQuota', plural: 'resourcequotas', shortNames: ['quota'], status: true },
  { kind: 'LimitRange', plural: 'limitranges', shortNames: ['limits'] },
  {
    group: 'apps',
    kind: 'Deployment',
    plural: 'deployments',
    shortNames: ['deploy'],
    status: true,
    scale: true,
    categories: ALL,
  },
  {
    group: 'apps',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    shortNames: ['rs'],
    status: true,
    scale: true,
    categories: ALL,
  },
  {
    group: 'apps',
    kind: 'StatefulSet',
    plural: 'statefulsets',
    shortNames: ['sts'],
    status: true,
    scale: true,
    categories: ALL,
  },
  { group: 'apps', kind: 'DaemonSet', plural: 'daemonsets', shortNames: ['ds'], status: true, categories: ALL },
  { group: 'apps', kind: 'ControllerRevision', plural: 'controllerrevisions' },
  { group: 'batch', kind: 'Job', plural: 'jobs', status: true, categories: ALL },
  { group: 'batch', kind: 'CronJob', plural: 'cronjobs', shortNames: ['cj'], status: true, categories: ALL },
  { group: 'networking.k8s.io', kind: 'Ingress', plural: 'ingresses', shortNames: ['ing'], status: true },
  { group: 'networking.k8s.io', kind: 'IngressClass', plural: 'ingressclasses', namespaced: false },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy', plural: 'networkpolicies', shortNames: ['netpol'] },
  { group: 'rbac.authorization.k8s.io', kind: 'Role', plural: 'roles' },
  { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding', plural: 'rolebindings' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false },
  {
    group: 'autoscaling',
    version: 'v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    shortNames: ['hpa'],
    status: true,
    categories: ALL,
  },
  {
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    status: true,
  },
  { group: 'coordination.k8s.io', kind: 'Lease', plural: 'leases' },
  { group: 'policy', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', shortNames: ['pdb'], status: true },
  { group: 'storage.k8s.io', kind: 'StorageClass', plural: 'storageclasses', namespaced: false, shortNames: ['sc'] },
];

export const builtinTypes: ResourceType[] = specs.map((spec) => {
  const type: ResourceType = {
    group: spec.group ?? '',
    versions: [spec.version ?? 'v1'],
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    plural: spec.plural,
    singular: spec.kind.toLowerCase(),
    namespaced: spec.namespaced ?? true,
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    statusSubresource: spec.status ?? false,
  };
  if (spec.scale) {
    type.scaleSubresource = {
      specReplicasPath: '.spec.replicas',
      statusReplicasPath: '.status.replicas',
      labelSelectorPath: '.status.selector',
    };
  }
  return type;
});
