// Server-side defaulting of built-in kinds: the fields kube-apiserver fills in
// so that `kubectl get -o yaml` and diffs look as they do on a real cluster.
// Mutates the (already cloned) object it is given.
import { isPlainObject, type JsonObject, type KubeObject } from '../store/kube-object';

function objectAt(parent: JsonObject, key: string): JsonObject {
  const existing = parent[key];
  if (isPlainObject(existing)) return existing;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

function setDefault(target: JsonObject, key: string, value: unknown): void {
  if (target[key] === undefined) target[key] = value;
}

function defaultContainer(container: unknown): void {
  if (!isPlainObject(container)) return;
  const image = typeof container.image === 'string' ? container.image : '';
  setDefault(
    container,
    'imagePullPolicy',
    image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent',
  );
  setDefault(container, 'terminationMessagePath', '/dev/termination-log');
  setDefault(container, 'terminationMessagePolicy', 'File');
  setDefault(container, 'resources', {});
  for (const port of Array.isArray(container.ports) ? container.ports : []) {
    if (isPlainObject(port)) setDefault(port, 'protocol', 'TCP');
  }
}

export function defaultPodSpec(spec: JsonObject): void {
  for (const container of Array.isArray(spec.containers) ? spec.containers : []) defaultContainer(container);
  for (const container of Array.isArray(spec.initContainers) ? spec.initContainers : []) defaultContainer(container);
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
}

function defaultTemplate(spec: JsonObject): void {
  const template = objectAt(spec, 'template');
  objectAt(template, 'metadata');
  defaultPodSpec(objectAt(template, 'spec'));
}

let nextClusterIp = 10;

function allocateClusterIp(): string {
  nextClusterIp += 1;
  return `10.96.${Math.floor(nextClusterIp / 250) % 250}.${(nextClusterIp % 250) + 1}`;
}

/** `stringData` is write-only: the API server folds it into `data` (base64), its keys winning. */
function mergeStringData(secret: KubeObject): void {
  const stringData = secret['stringData'];
  if (stringData === undefined) return;
  delete secret['stringData'];
  if (!isPlainObject(stringData)) return;
  const data: JsonObject = isPlainObject(secret['data']) ? { ...secret['data'] } : {};
  for (const [key, value] of Object.entries(stringData))
    data[key] = Buffer.from(typeof value === 'string' ? value : String(value), 'utf8').toString('base64');
  secret['data'] = data;
}

export function applyDefaults(object: KubeObject): void {
  const spec = isPlainObject(object.spec) ? object.spec : undefined;
  switch (object.kind) {
    case 'Namespace':
      object.spec = { finalizers: ['kubernetes'], ...(spec ?? {}) };
      object.metadata.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': object.metadata.name ?? '' };
      break;
    case 'Secret':
      setDefault(object, 'type', 'Opaque');
      mergeStringData(object);
      break;
    case 'Pod':
      if (spec) defaultPodSpec(spec);
      break;
    case 'Deployment':
      if (!spec) break;
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'progressDeadlineSeconds', 600);
      if (!isPlainObject(spec.strategy)) spec.strategy = { type: 'RollingUpdate' };
      if (isPlainObject(spec.strategy) && (spec.strategy.type ?? 'RollingUpdate') === 'RollingUpdate') {
        spec.strategy.type = 'RollingUpdate';
        spec.strategy.rollingUpdate = {
          maxUnavailable: '25%',
          maxSurge: '25%',
          ...(isPlainObject(spec.strategy.rollingUpdate) ? spec.strategy.rollingUpdate : {}),
        };
      }
      defaultTemplate(spec);
      break;
    case 'ReplicaSet':
      if (!spec) break;
      setDefault(spec, 'replicas', 1);
      defaultTemplate(spec);
      break;
    case 'StatefulSet':
      if (!spec) break;
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'podManagementPolicy', 'OrderedReady');
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
      defaultTemplate(spec);
      break;
    case 'DaemonSet':
      if (!spec) break;
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
      defaultTemplate(spec);
      break;
    case 'Job':
      if (!spec) break;
      setDefault(spec, 'parallelism', 1);
      setDefault(spec, 'completions', 1);
      setDefault(spec, 'backoffLimit', 6);
      setDefault(spec, 'completionMode', 'NonIndexed');
      setDefault(spec, 'suspend', false);
      defaultTemplate(spec);
      defaultJobSelector(object, spec);
      break;
    case 'CronJob':
      if (!spec) break;
      setDefault(spec, 'concurrencyPolicy', 'Allow');
      setDefault(spec, 'suspend', false);
      setDefault(spec, 'successfulJobsHistoryLimit', 3);
      setDefault(spec, 'failedJobsHistoryLimit', 1);
      break;
    case 'Service':
      if (!spec) {
        object.spec = { type: 'ClusterIP' };
        break;
      }
      setDefault(spec, 'type', 'ClusterIP');
      setDefault(spec, 'sessionAffinity', 'None');
      if (spec.type !== 'ExternalName') {
        setDefault(spec, 'clusterIP', spec.clusterIP === 'None' ? 'None' : allocateClusterIp());
        setDefault(spec, 'clusterIPs', [spec.clusterIP]);
        setDefault(spec, 'ipFamilies', ['IPv4']);
        setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
        setDefault(spec, 'internalTrafficPolicy', 'Cluster');
      }
      for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
        if (!isPlainObject(port)) continue;
        setDefault(port, 'protocol', 'TCP');
        setDefault(port, 'targetPort', port.port);
      }
      break;
    case 'PersistentVolumeClaim':
      if (spec) setDefault(spec, 'volumeMode', 'Filesystem');
      break;
  }
}

/** The status a freshly created object starts with. */
export function initialStatus(object: KubeObject): JsonObject | undefined {
  switch (object.kind) {
    case 'Namespace':
      return { phase: 'Active' };
    case 'Pod':
      return { phase: 'Pending', qosClass: 'BestEffort' };
    case 'PersistentVolumeClaim':
      return { phase: 'Pending' };
    case 'Service':
      return { loadBalancer: {} };
    default:
      return undefined;
  }
}

/** Jobs select their pods by the Job's uid unless spec.manualSelector is set. */
function defaultJobSelector(job: KubeObject, spec: JsonObject): void {
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  if (spec.manualSelector === true || !uid) return;
  setDefault(spec, 'selector', { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
  const template = objectAt(spec, 'template');
  const metadata = objectAt(template, 'metadata');
  metadata.labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
    ...(isPlainObject(metadata.labels) ? metadata.labels : {}),
  };
}
