// Diff engine cost per resource (@driftless/diff): a typical Deployment and ConfigMap, in sync and
// drifted, and a 20-resource app through compareApp. The controller goal is 10,000 apps × 20
// resources in ≤ 30 s on 2 cores, i.e. ≤ 50 µs per unchanged resource with both cores busy
// (≤ 100 µs per resource per core). "warm" reuses the same live objects, as an informer cache does
// between refreshes (the parsed last-applied annotation is cached per live object); "cold" gives
// every compare a fresh live object so the annotation is parsed each time.
import { compareApp, compareResource, compileDiffConfig, type KubeObject } from '@driftless/diff';
import { round, timePerRun, type BenchmarkResult } from './benchmark';

// Fixtures are built by mutating a clone of the desired object, the shortest way to write them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fixture = any;

function desiredDeployment(name: string, image = 'registry.example.com/shop/web:1.4.2'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', labels: { app: name, 'app.kubernetes.io/part-of': 'shop' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations: { 'prometheus.io/scrape': 'true' } },
        spec: {
          serviceAccountName: name,
          containers: [
            {
              name: 'app',
              image,
              ports: [{ name: 'http', containerPort: 8080 }],
              env: [
                { name: 'LOG_LEVEL', value: 'info' },
                { name: 'PORT', value: '8080' },
                { name: 'DB_HOST', valueFrom: { secretKeyRef: { name: 'db', key: 'host' } } },
              ],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
              readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
              volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
            },
          ],
          volumes: [{ name: 'config', configMap: { name: `${name}-config` } }],
        },
      },
    },
  };
}

/** What the API server returns for `desired` after kubectl apply: defaults, status, managedFields. */
function liveDeployment(desired: KubeObject): KubeObject {
  const live = structuredClone(desired) as Fixture;
  live.metadata = {
    ...live.metadata,
    uid: '0d4f3c2a-0000-4000-8000-000000000001',
    resourceVersion: '123456',
    generation: 7,
    creationTimestamp: '2026-11-01T10:00:00Z',
    annotations: {
      'deployment.kubernetes.io/revision': '7',
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(desired),
    },
    managedFields: [
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: '2026-11-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:replicas': {}, 'f:template': { 'f:spec': { 'f:containers': {} } } } },
      },
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        apiVersion: 'apps/v1',
        subresource: 'status',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:status': { 'f:replicas': {}, 'f:readyReplicas': {} } },
      },
    ],
  };
  Object.assign(live.spec, {
    progressDeadlineSeconds: 600,
    revisionHistoryLimit: 10,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
  });
  const pod = live.spec.template.spec;
  Object.assign(pod, {
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    serviceAccount: pod.serviceAccountName,
  });
  live.spec.template.metadata.creationTimestamp = null;
  const container = pod.containers[0];
  Object.assign(container, {
    imagePullPolicy: 'IfNotPresent',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  });
  container.ports[0].protocol = 'TCP';
  Object.assign(container.readinessProbe, { failureThreshold: 3, successThreshold: 1, timeoutSeconds: 1 });
  container.readinessProbe.httpGet.scheme = 'HTTP';
  pod.volumes[0].configMap.defaultMode = 420;
  live.status = {
    observedGeneration: 7,
    replicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    updatedReplicas: 3,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastUpdateTime: '2026-11-01T10:01:00Z' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: '2026-11-01T10:01:00Z' },
    ],
  };
  return live as KubeObject;
}

function desiredConfigMap(name: string, value = 'info'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'shop', labels: { app: name } },
    data: { LOG_LEVEL: value, 'app.yaml': 'server:\n  port: 8080\n  timeout: 30s\nfeatures:\n  search: true\n' },
  };
}

function liveConfigMap(desired: KubeObject): KubeObject {
  const live = structuredClone(desired) as Fixture;
  Object.assign(live.metadata, {
    uid: '0d4f3c2a-0000-4000-8000-000000000002',
    resourceVersion: '99',
    creationTimestamp: '2026-11-01T10:00:00Z',
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(desired) },
  });
  return live as KubeObject;
}

function desiredService(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'shop' },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
}

function liveService(desired: KubeObject): KubeObject {
  const live = structuredClone(desired) as Fixture;
  live.metadata.uid = 'u';
  live.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(desired) };
  Object.assign(live.spec, {
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10'],
    type: 'ClusterIP',
    sessionAffinity: 'None',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    internalTrafficPolicy: 'Cluster',
  });
  live.spec.ports[0].protocol = 'TCP';
  live.status = { loadBalancer: {} };
  return live as KubeObject;
}

function app(index: number): { desired: KubeObject[]; live: KubeObject[] } {
  const desired: KubeObject[] = [];
  for (let service = 0; service < 5; service += 1) {
    const name = `svc-${index}-${service}`;
    desired.push(desiredDeployment(name), desiredService(name), desiredConfigMap(`${name}-config`));
    desired.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'shop' } });
  }
  const live = desired.map((object) => {
    if (object.kind === 'Deployment') return liveDeployment(object);
    if (object.kind === 'Service') return liveService(object);
    if (object.kind === 'ConfigMap') return liveConfigMap(object);
    return { ...structuredClone(object), metadata: { ...(object.metadata as object), uid: 'u', resourceVersion: '1' } };
  });
  return { desired, live };
}

const MIN_MS = 1_500;

async function microseconds(work: () => unknown): Promise<number> {
  return round((await timePerRun(work, MIN_MS)) * 1000, 1);
}

export default async function diffBenchmark(): Promise<BenchmarkResult[]> {
  const config = compileDiffConfig();
  const ignoringConfig = compileDiffConfig({
    ignoreDifferences: [
      {
        group: 'apps',
        kind: 'Deployment',
        jsonPointers: ['/spec/replicas'],
        jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "app") | .image'],
      },
    ],
  });
  const deployment = desiredDeployment('web');
  const deploymentLive = liveDeployment(deployment);
  const drifted = liveDeployment(desiredDeployment('web', 'registry.example.com/shop/web:1.4.1'));
  const configMap = desiredConfigMap('cfg');
  const configMapLive = liveConfigMap(configMap);
  const configMapDrifted = liveConfigMap(desiredConfigMap('cfg', 'debug'));

  if (compareResource(deployment, deploymentLive, config).modified) throw new Error('bench fixture should be in sync');
  if (!compareResource(deployment, drifted, config).modified) throw new Error('bench fixture should drift');
  const sample = app(0);
  const appInput = { ...sample, destinationNamespace: 'shop', isNamespaced: () => true, config };
  if (compareApp(appInput).status !== 'Synced') throw new Error('bench app should be in sync');

  const deploymentSynced = await microseconds(() => compareResource(deployment, deploymentLive, config));
  // A shallow copy is a new identity, so the per-object last-applied cache misses every time.
  const deploymentCold = await microseconds(() => compareResource(deployment, { ...deploymentLive }, config));
  const appMs = (await timePerRun(() => compareApp(appInput), MIN_MS)) * 1000;
  const perResource = round(appMs / sample.desired.length, 1);
  return [
    { name: 'Deployment in sync (warm live object)', value: deploymentSynced, unit: 'µs', goal: '≤ 50 µs' },
    { name: 'Deployment in sync (cold: last-applied parsed)', value: deploymentCold, unit: 'µs', goal: '≤ 50 µs' },
    {
      name: 'Deployment drifted (image)',
      value: await microseconds(() => compareResource(deployment, drifted, config)),
      unit: 'µs',
    },
    {
      name: 'Deployment in sync, 1 jsonPointer + 1 jq ignore rule',
      value: await microseconds(() => compareResource(deployment, deploymentLive, ignoringConfig)),
      unit: 'µs',
    },
    {
      name: 'ConfigMap in sync',
      value: await microseconds(() => compareResource(configMap, configMapLive, config)),
      unit: 'µs',
    },
    {
      name: 'ConfigMap drifted',
      value: await microseconds(() => compareResource(configMap, configMapDrifted, config)),
      unit: 'µs',
    },
    { name: '20-resource app in sync (compareApp)', value: round(appMs, 1), unit: 'µs/app' },
    { name: '20-resource app: per resource', value: perResource, unit: 'µs', goal: '≤ 50 µs' },
    {
      name: '10,000 apps × 20 resources, projected on 2 cores',
      value: round((appMs * 10_000) / 1e6 / 2, 1),
      unit: 's',
      goal: '≤ 30 s',
    },
  ];
}
