// Server-side printing (meta.k8s.io/v1 Table) for `kubectl get`: the columns
// kube-apiserver prints for the common kinds, additionalPrinterColumns for
// custom resources, and Name/Age for everything else.
import { readPath } from './object-path';
import type { ResourceType } from '../registry/resource-type';
import { isPlainObject, text, type JsonObject, type KubeObject } from '../store/kube-object';

interface Column {
  name: string;
  type: 'string' | 'integer' | 'date';
  priority?: number;
  cell: (object: KubeObject, now: number) => string | number;
}

const spec = (object: KubeObject): JsonObject => (isPlainObject(object.spec) ? object.spec : {});
const status = (object: KubeObject): JsonObject => (isPlainObject(object.status) ? object.status : {});
const count = (value: unknown): number => (typeof value === 'number' ? value : 0);
const list = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isPlainObject) : []);

/** kubectl's short human durations: 45s, 3m12s, 5h, 12d. */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (seconds < 120) return `${seconds}s`;
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (days < 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (days < 730) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}

const name: Column = { name: 'Name', type: 'string', cell: (object) => object.metadata.name ?? '' };
const age: Column = {
  name: 'Age',
  type: 'string',
  cell: (object, now) =>
    object.metadata.creationTimestamp
      ? humanDuration(now - Date.parse(object.metadata.creationTimestamp))
      : '<unknown>',
};

function condition(object: KubeObject, type: string): JsonObject | undefined {
  return list(status(object).conditions).find((candidate) => candidate.type === type);
}

function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  for (const container of list(status(pod).containerStatuses)) {
    const state = isPlainObject(container.state) ? container.state : {};
    if (isPlainObject(state.waiting) && state.waiting.reason) return text(state.waiting.reason);
    if (isPlainObject(state.terminated) && state.terminated.reason) return text(state.terminated.reason);
  }
  return text(status(pod).phase, 'Pending');
}

function servicePorts(service: KubeObject): string {
  const ports = list(spec(service).ports).map(
    (port) => `${text(port.port)}${port.nodePort ? `:${text(port.nodePort)}` : ''}/${text(port.protocol, 'TCP')}`,
  );
  return ports.length ? ports.join(',') : '<none>';
}

function externalIp(service: KubeObject): string {
  const ingress = list(
    (isPlainObject(status(service).loadBalancer) ? (status(service).loadBalancer as JsonObject) : {}).ingress,
  ).map((entry) => text(entry.ip, text(entry.hostname)));
  if (ingress.length) return ingress.join(',');
  return spec(service).type === 'LoadBalancer' ? '<pending>' : '<none>';
}

function images(object: KubeObject): JsonObject[] {
  const template = isPlainObject(spec(object).template) ? (spec(object).template as JsonObject) : {};
  return list(isPlainObject(template.spec) ? template.spec.containers : undefined);
}

const columnsByKind: Record<string, Column[]> = {
  Pod: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: (pod) =>
        `${list(status(pod).containerStatuses).filter((container) => container.ready === true).length}/${list(spec(pod).containers).length}`,
    },
    { name: 'Status', type: 'string', cell: podStatus },
    {
      name: 'Restarts',
      type: 'string',
      cell: (pod) =>
        String(
          list(status(pod).containerStatuses).reduce((total, container) => total + count(container.restartCount), 0),
        ),
    },
    age,
    { name: 'IP', type: 'string', priority: 1, cell: (pod) => text(status(pod).podIP, '<none>') },
    { name: 'Node', type: 'string', priority: 1, cell: (pod) => text(spec(pod).nodeName, '<none>') },
  ],
  Deployment: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: (object) => `${count(status(object).readyReplicas)}/${count(spec(object).replicas)}`,
    },
    { name: 'Up-to-date', type: 'integer', cell: (object) => count(status(object).updatedReplicas) },
    { name: 'Available', type: 'integer', cell: (object) => count(status(object).availableReplicas) },
    age,
    {
      name: 'Containers',
      type: 'string',
      priority: 1,
      cell: (object) =>
        images(object)
          .map((container) => text(container.name))
          .join(','),
    },
    {
      name: 'Images',
      type: 'string',
      priority: 1,
      cell: (object) =>
        images(object)
          .map((container) => text(container.image))
          .join(','),
    },
  ],
  ReplicaSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (object) => count(spec(object).replicas) },
    { name: 'Current', type: 'integer', cell: (object) => count(status(object).replicas) },
    { name: 'Ready', type: 'integer', cell: (object) => count(status(object).readyReplicas) },
    age,
  ],
  StatefulSet: [
    name,
    {
      name: 'Ready',
      type: 'string',
      cell: (object) => `${count(status(object).readyReplicas)}/${count(spec(object).replicas)}`,
    },
    age,
  ],
  DaemonSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (object) => count(status(object).desiredNumberScheduled) },
    { name: 'Current', type: 'integer', cell: (object) => count(status(object).currentNumberScheduled) },
    { name: 'Ready', type: 'integer', cell: (object) => count(status(object).numberReady) },
    { name: 'Up-to-date', type: 'integer', cell: (object) => count(status(object).updatedNumberScheduled) },
    { name: 'Available', type: 'integer', cell: (object) => count(status(object).numberAvailable) },
    age,
  ],
  Job: [
    name,
    {
      name: 'Status',
      type: 'string',
      cell: (job) =>
        condition(job, 'Complete')?.status === 'True'
          ? 'Complete'
          : condition(job, 'Failed')?.status === 'True'
            ? 'Failed'
            : 'Running',
    },
    {
      name: 'Completions',
      type: 'string',
      cell: (job) => `${count(status(job).succeeded)}/${count(spec(job).completions) || 1}`,
    },
    age,
  ],
  CronJob: [
    name,
    { name: 'Schedule', type: 'string', cell: (object) => text(spec(object).schedule) },
    { name: 'Suspend', type: 'string', cell: (object) => (spec(object).suspend === true ? 'True' : 'False') },
    { name: 'Active', type: 'integer', cell: (object) => list(status(object).active).length },
    age,
  ],
  Service: [
    name,
    { name: 'Type', type: 'string', cell: (object) => text(spec(object).type, 'ClusterIP') },
    { name: 'Cluster-IP', type: 'string', cell: (object) => text(spec(object).clusterIP, '<none>') },
    { name: 'External-IP', type: 'string', cell: externalIp },
    { name: 'Port(s)', type: 'string', cell: servicePorts },
    age,
  ],
  Namespace: [name, { name: 'Status', type: 'string', cell: (object) => text(status(object).phase, 'Active') }, age],
  Node: [
    name,
    {
      name: 'Status',
      type: 'string',
      cell: (node) => (condition(node, 'Ready')?.status === 'True' ? 'Ready' : 'NotReady'),
    },
    { name: 'Roles', type: 'string', cell: () => '<none>' },
    age,
    {
      name: 'Version',
      type: 'string',
      cell: (node) => text((status(node).nodeInfo as JsonObject | undefined)?.kubeletVersion),
    },
  ],
  PersistentVolumeClaim: [
    name,
    { name: 'Status', type: 'string', cell: (object) => text(status(object).phase, 'Pending') },
    { name: 'Volume', type: 'string', cell: (object) => text(spec(object).volumeName) },
    {
      name: 'Capacity',
      type: 'string',
      cell: (object) => text((status(object).capacity as JsonObject | undefined)?.storage),
    },
    age,
  ],
  ConfigMap: [
    name,
    {
      name: 'Data',
      type: 'integer',
      cell: (object) => Object.keys(isPlainObject(object.data) ? object.data : {}).length,
    },
    age,
  ],
  Secret: [
    name,
    { name: 'Type', type: 'string', cell: (object) => text(object.type, 'Opaque') },
    {
      name: 'Data',
      type: 'integer',
      cell: (object) => Object.keys(isPlainObject(object.data) ? object.data : {}).length,
    },
    age,
  ],
  Ingress: [
    name,
    {
      name: 'Hosts',
      type: 'string',
      cell: (object) =>
        list(spec(object).rules)
          .map((rule) => text(rule.host, '*'))
          .join(',') || '*',
    },
    {
      name: 'Address',
      type: 'string',
      cell: (object) =>
        list((status(object).loadBalancer as JsonObject | undefined)?.ingress)
          .map((entry) => text(entry.ip))
          .join(','),
    },
    age,
  ],
  CustomResourceDefinition: [
    name,
    { name: 'Created At', type: 'date', cell: (object) => object.metadata.creationTimestamp ?? '' },
  ],
};

function printerColumns(type: ResourceType, version: string | undefined): Column[] | undefined {
  const columns = type.printerColumns?.[version ?? type.versions[0] ?? ''];
  if (!columns || columns.length === 0) return undefined;
  return [
    name,
    ...columns.map((column): Column => ({
      name: column.name,
      type: column.type === 'integer' ? 'integer' : 'string',
      priority: column.priority ?? 0,
      cell: (object, now) => {
        const value = readPath(object, column.jsonPath);
        if (column.type === 'date' && typeof value === 'string') return humanDuration(now - Date.parse(value));
        return typeof value === 'string' || typeof value === 'number'
          ? value
          : value === undefined
            ? ''
            : JSON.stringify(value);
      },
    })),
    age,
  ];
}

export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').includes('as=Table');
}

function partialMetadata(object: KubeObject): JsonObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

/** Builds a meta.k8s.io/v1 Table for `objects`. */
export function toTable(
  type: ResourceType,
  version: string | undefined,
  objects: KubeObject[],
  options: { includeObject: string | null; resourceVersion?: string; continueToken?: string },
): JsonObject {
  const columns = printerColumns(type, version) ?? columnsByKind[type.kind] ?? [name, age];
  const now = Date.now();
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      ...(options.resourceVersion ? { resourceVersion: options.resourceVersion } : {}),
      ...(options.continueToken ? { continue: options.continueToken } : {}),
    },
    columnDefinitions: columns.map((column) => ({
      name: column.name,
      type: column.type,
      format: column === name ? 'name' : '',
      description: '',
      priority: column.priority ?? 0,
    })),
    rows: objects.map((object) => ({
      cells: columns.map((column) => column.cell(object, now)),
      object:
        options.includeObject === 'Object'
          ? object
          : options.includeObject === 'None'
            ? undefined
            : partialMetadata(object),
    })),
  };
}
