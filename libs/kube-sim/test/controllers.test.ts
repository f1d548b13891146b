// Simulated controllers and kubelets: rollouts, faults, Jobs, StatefulSets,
// DaemonSets, Services, Ingresses, PVCs, CronJobs, namespace cascade and GC.
import type { ClusterApi, KubeObject, KubeSim, ResourceType } from '../src';
import { simAnnotations } from '../src';
import { eventually, startSim } from './support';

// Rollouts and kubectl calls take seconds on a shared two-core machine.
jest.setTimeout(30_000);

let sim: KubeSim;
let api: ClusterApi;

beforeAll(async () => {
  ({ sim } = await startSim({ timing: { crashLoopMs: 50, cronCheckMs: 100 } }));
  api = sim.clusters[0]!.api;
});

afterAll(async () => {
  await sim.stop();
});

function type(group: string, kind: string): ResourceType {
  const found = api.types.byKind(group, kind);
  if (!found) throw new Error(`no type ${group}/${kind}`);
  return found;
}

function pods(namespace: string, label: string): KubeObject[] {
  return api.list(type('', 'Pod'), namespace, { labelSelector: label }).items;
}

const status = (object: KubeObject | undefined): Record<string, unknown> =>
  (object?.status ?? {}) as Record<string, unknown>;
const condition = (object: KubeObject | undefined, name: string): Record<string, unknown> | undefined =>
  ((status(object).conditions ?? []) as Record<string, unknown>[]).find((candidate) => candidate.type === name);

function workload(
  kind: string,
  name: string,
  options: {
    replicas?: number;
    annotations?: Record<string, string>;
    image?: string;
    restartPolicy?: string;
    extraSpec?: Record<string, unknown>;
  } = {},
): Record<string, unknown> {
  return {
    apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1',
    kind,
    metadata: { name },
    spec: {
      ...(options.replicas !== undefined ? { replicas: options.replicas } : {}),
      ...(kind === 'Job' ? {} : { selector: { matchLabels: { app: name } } }),
      template: {
        metadata: { labels: { app: name }, ...(options.annotations ? { annotations: options.annotations } : {}) },
        spec: {
          containers: [{ name: 'main', image: options.image ?? 'nginx:1.25' }],
          ...(options.restartPolicy ? { restartPolicy: options.restartPolicy } : {}),
        },
      },
      ...options.extraSpec,
    },
  };
}

describe('Deployment → ReplicaSet → Pods', () => {
  it('rolls out with owner references and reports Available and NewReplicaSetAvailable', async () => {
    api.create(type('apps', 'Deployment'), 'default', workload('Deployment', 'roll', { replicas: 3 }));
    const done = await eventually(
      () => {
        const deployment = api.get(type('apps', 'Deployment'), 'default', 'roll');
        return status(deployment).availableReplicas === 3 &&
          condition(deployment, 'Progressing')?.reason === 'NewReplicaSetAvailable'
          ? deployment
          : undefined;
      },
      10_000,
      'rollout',
    );
    expect(status(done)).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3 });
    expect(condition(done, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    const [replicaSet] = api.list(type('apps', 'ReplicaSet'), 'default', { labelSelector: 'app=roll' }).items;
    expect(replicaSet?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'roll',
      uid: done.metadata.uid,
      controller: true,
    });
    const owned = pods('default', 'app=roll');
    expect(owned).toHaveLength(3);
    for (const pod of owned) {
      expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', uid: replicaSet?.metadata.uid });
      expect(status(pod).phase).toBe('Running');
      expect((pod.spec as { nodeName: string }).nodeName).toMatch(/^sim-node-\d$/);
    }
  });

  it('replaces pods on a template change and keeps the old ReplicaSet at zero', async () => {
    const deployment = api.get(type('apps', 'Deployment'), 'default', 'roll');
    const next = structuredClone(deployment) as KubeObject & {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    next.spec.template.spec.containers[0]!.image = 'nginx:1.26';
    api.update(type('apps', 'Deployment'), 'default', 'roll', next);
    await eventually(
      () => {
        const current = api.get(type('apps', 'Deployment'), 'default', 'roll');
        return (
          status(current).observedGeneration === 2 &&
          status(current).updatedReplicas === 3 &&
          status(current).replicas === 3 &&
          status(current).availableReplicas === 3
        );
      },
      10_000,
      'second rollout',
    );
    const replicaSets = api.list(type('apps', 'ReplicaSet'), 'default', { labelSelector: 'app=roll' }).items;
    expect(replicaSets.map((replicaSet) => (replicaSet.spec as { replicas: number }).replicas).sort()).toEqual([0, 3]);
    await eventually(
      () =>
        pods('default', 'app=roll').every(
          (pod) => (pod.spec as { containers: { image: string }[] }).containers[0]?.image === 'nginx:1.26',
        ),
      5000,
      'old pods gone',
    );
  });

  it('turns Progressing False with ProgressDeadlineExceeded when pods never become ready', async () => {
    api.create(
      type('apps', 'Deployment'),
      'default',
      workload('Deployment', 'stuck', {
        replicas: 1,
        annotations: { [simAnnotations.fault]: 'NeverReady' },
        extraSpec: { progressDeadlineSeconds: 1 },
      }),
    );
    const failed = await eventually(
      () =>
        condition(api.get(type('apps', 'Deployment'), 'default', 'stuck'), 'Progressing')?.reason ===
        'ProgressDeadlineExceeded',
      8000,
      'progress deadline',
    );
    expect(failed).toBe(true);
    expect(condition(api.get(type('apps', 'Deployment'), 'default', 'stuck'), 'Available')?.status).toBe('False');
  });
});

describe('pod faults', () => {
  it('crash-loops a pod whose image says so, counting restarts', async () => {
    api.create(
      type('apps', 'Deployment'),
      'default',
      workload('Deployment', 'crashy', { replicas: 1, image: 'example.com/crashloop:1' }),
    );
    const pod = await eventually(
      () =>
        pods('default', 'app=crashy').find(
          (candidate) =>
            Number(((status(candidate).containerStatuses ?? []) as { restartCount: number }[])[0]?.restartCount) >= 2,
        ),
      8000,
      'restarts',
    );
    const containerStatus = (status(pod).containerStatuses as Record<string, unknown>[])[0];
    expect(containerStatus).toMatchObject({ ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } });
    expect(condition(pod, 'Ready')?.status).toBe('False');
  });

  it('leaves a pod in ImagePullBackOff by annotation', async () => {
    api.create(
      type('apps', 'Deployment'),
      'default',
      workload('Deployment', 'pull', { replicas: 1, annotations: { [simAnnotations.fault]: 'ImagePullBackOff' } }),
    );
    const pod = await eventually(
      () => pods('default', 'app=pull').find((candidate) => status(candidate).containerStatuses),
      5000,
      'pull failure',
    );
    expect(status(pod).phase).toBe('Pending');
    expect((status(pod).containerStatuses as Record<string, unknown>[])[0]).toMatchObject({
      state: { waiting: { reason: 'ImagePullBackOff' } },
    });
  });

  it('makes a pod ready only after the annotated number of seconds', async () => {
    api.create(
      type('apps', 'Deployment'),
      'default',
      workload('Deployment', 'slow', { replicas: 1, annotations: { [simAnnotations.readyAfterSeconds]: '0.6' } }),
    );
    const running = await eventually(
      () => pods('default', 'app=slow').find((candidate) => status(candidate).phase === 'Running'),
      5000,
      'running',
    );
    const startedAt = Date.now();
    expect(condition(running, 'Ready')?.status).toBe('False');
    await eventually(() => condition(pods('default', 'app=slow')[0], 'Ready')?.status === 'True', 5000, 'ready');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(400);
  });
});

describe('Jobs and CronJobs', () => {
  it('completes a Job', async () => {
    api.create(type('batch', 'Job'), 'default', workload('Job', 'once', { restartPolicy: 'Never' }));
    const job = await eventually(
      () => {
        const current = api.get(type('batch', 'Job'), 'default', 'once');
        return condition(current, 'Complete')?.status === 'True' ? current : undefined;
      },
      5000,
      'job completion',
    );
    expect(status(job)).toMatchObject({ succeeded: 1 });
    expect(status(job).completionTime).toBeDefined();
    expect(pods('default', 'job-name=once').map((pod) => status(pod).phase)).toEqual(['Succeeded']);
  });

  it('fails a Job past its backoffLimit when its pods are made to fail', async () => {
    const failing = workload('Job', 'doomed', { restartPolicy: 'Never', extraSpec: { backoffLimit: 1 } });
    (failing.metadata as Record<string, unknown>).annotations = { [simAnnotations.jobFails]: 'true' };
    api.create(type('batch', 'Job'), 'default', failing);
    const job = await eventually(
      () => {
        const current = api.get(type('batch', 'Job'), 'default', 'doomed');
        return condition(current, 'Failed')?.status === 'True' ? current : undefined;
      },
      8000,
      'job failure',
    );
    expect(condition(job, 'Failed')?.reason).toBe('BackoffLimitExceeded');
    expect(status(job).failed).toBe(2);
  });

  it('creates a Job when a CronJob schedule is due', async () => {
    const cronJobs = type('batch', 'CronJob');
    const created = api.create(cronJobs, 'default', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick' },
      spec: {
        schedule: '* * * * *',
        jobTemplate: {
          spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1' }] } } },
        },
      },
    });
    // Pretend the last run was long ago, so the current minute is due.
    api.update(
      cronJobs,
      'default',
      'tick',
      { ...created, status: { lastScheduleTime: '2020-01-01T00:00:00Z' } },
      { subresource: 'status' },
    );
    const job = await eventually(
      () =>
        api
          .list(type('batch', 'Job'), 'default')
          .items.find((candidate) => candidate.metadata.ownerReferences?.[0]?.name === 'tick'),
      5000,
      'cron job',
    );
    expect(job.metadata.name).toMatch(/^tick-\d+$/);
    await eventually(
      () => condition(api.get(type('batch', 'Job'), 'default', job.metadata.name ?? ''), 'Complete'),
      5000,
      'cron job completion',
    );
  });
});

describe('StatefulSet, DaemonSet, Service, Ingress, PVC', () => {
  it('creates ordered StatefulSet pods with bound claims', async () => {
    api.create(
      type('apps', 'StatefulSet'),
      'default',
      workload('StatefulSet', 'db', {
        replicas: 3,
        extraSpec: {
          serviceName: 'db',
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          ],
        },
      }),
    );
    const set = await eventually(
      () => {
        const current = api.get(type('apps', 'StatefulSet'), 'default', 'db');
        return status(current).readyReplicas === 3 ? current : undefined;
      },
      10_000,
      'statefulset ready',
    );
    expect(status(set)).toMatchObject({ replicas: 3, updatedReplicas: 3, observedGeneration: 1 });
    expect(
      pods('default', 'app=db')
        .map((pod) => pod.metadata.name)
        .sort(),
    ).toEqual(['db-0', 'db-1', 'db-2']);
    await eventually(
      () =>
        ['data-db-0', 'data-db-1', 'data-db-2'].every(
          (name) => status(api.tryGet(type('', 'PersistentVolumeClaim'), 'default', name)).phase === 'Bound',
        ),
      5000,
      'claims bound',
    );
  });

  it('runs one DaemonSet pod per node', async () => {
    api.create(type('apps', 'DaemonSet'), 'default', workload('DaemonSet', 'agent'));
    const set = await eventually(
      () => {
        const current = api.get(type('apps', 'DaemonSet'), 'default', 'agent');
        return status(current).numberReady === 3 ? current : undefined;
      },
      8000,
      'daemonset ready',
    );
    expect(status(set)).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      updatedNumberScheduled: 3,
    });
    expect(
      pods('default', 'app=agent')
        .map((pod) => (pod.spec as { nodeName: string }).nodeName)
        .sort(),
    ).toEqual(['sim-node-1', 'sim-node-2', 'sim-node-3']);
  });

  it('gives LoadBalancer services an ingress IP and keeps Endpoints on the ready pods', async () => {
    api.create(type('', 'Service'), 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'roll' },
      spec: { type: 'LoadBalancer', selector: { app: 'roll' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    const service = await eventually(
      () => {
        const current = api.get(type('', 'Service'), 'default', 'roll');
        return ((status(current).loadBalancer as { ingress?: unknown[] }).ingress?.length ?? 0) > 0
          ? current
          : undefined;
      },
      5000,
      'load balancer',
    );
    expect((status(service).loadBalancer as { ingress: { ip: string }[] }).ingress[0]?.ip).toMatch(
      /^172\.18\.255\.\d+$/,
    );
    const endpoints = await eventually(() => api.tryGet(type('', 'Endpoints'), 'default', 'roll'), 5000, 'endpoints');
    const subset = (endpoints.subsets as { addresses: { ip: string }[]; ports: { port: number }[] }[])[0];
    expect(subset?.addresses).toHaveLength(3);
    expect(subset?.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });

  it('gives an Ingress a load-balancer address', async () => {
    api.create(type('networking.k8s.io', 'Ingress'), 'default', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'front' },
      spec: { rules: [{ host: 'example.test' }] },
    });
    await eventually(
      () =>
        ((
          status(api.get(type('networking.k8s.io', 'Ingress'), 'default', 'front')).loadBalancer as
            { ingress?: unknown[] } | undefined
        )?.ingress?.length ?? 0) > 0,
      5000,
      'ingress address',
    );
  });
});

describe('events', () => {
  const eventsFor = (name: string): Record<string, unknown>[] =>
    api
      .list(type('', 'Event'), 'default')
      .items.filter((event) => (event.involvedObject as { name: string }).name === name);

  it('records what the controllers and kubelets did', async () => {
    expect(eventsFor('roll').map((event) => event.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Scaled up replica set roll-[0-9a-f]{10} from 0 to 3$/)]),
    );
    const pod = pods('default', 'app=roll')[0]!;
    const reasons = eventsFor(pod.metadata.name ?? '').map((event) => event.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Pulled', 'Created', 'Started']));
    const crashing = pods('default', 'app=crashy')[0]!;
    const backOff = await eventually(
      () =>
        eventsFor(crashing.metadata.name ?? '').find((event) => event.reason === 'BackOff' && Number(event.count) >= 2),
      5000,
      'repeated BackOff',
    );
    expect(backOff.type).toBe('Warning');
  });

  it('expires events after eventTtlMs', async () => {
    const { sim: shortLived } = await startSim({ timing: { eventTtlMs: 1000 } });
    try {
      const local = shortLived.clusters[0]!.api;
      local.create(
        local.types.byKind('apps', 'Deployment')!,
        'default',
        workload('Deployment', 'brief', { replicas: 1 }),
      );
      const events = local.types.byKind('', 'Event')!;
      await eventually(() => local.list(events, 'default').items.length > 0, 5000, 'events recorded');
      await eventually(() => local.list(events, 'default').items.length === 0, 8000, 'events expired');
    } finally {
      await shortLived.stop();
    }
  });
});

describe('deletion', () => {
  it('garbage-collects dependents in the background and orphans them on request', async () => {
    api.create(type('apps', 'ReplicaSet'), 'default', workload('ReplicaSet', 'bg', { replicas: 2 }));
    api.create(type('apps', 'ReplicaSet'), 'default', workload('ReplicaSet', 'orphan', { replicas: 2 }));
    await eventually(
      () => pods('default', 'app=bg').length === 2 && pods('default', 'app=orphan').length === 2,
      5000,
      'pods',
    );
    api.delete(type('apps', 'ReplicaSet'), 'default', 'bg', { propagationPolicy: 'Background' });
    api.delete(type('apps', 'ReplicaSet'), 'default', 'orphan', { propagationPolicy: 'Orphan' });
    await eventually(() => pods('default', 'app=bg').length === 0, 5000, 'background cascade');
    const orphans = pods('default', 'app=orphan');
    expect(orphans).toHaveLength(2);
    expect(orphans.every((pod) => pod.metadata.ownerReferences === undefined)).toBe(true);
  });

  it('keeps an object with finalizers until they are removed', () => {
    const configMaps = type('', 'ConfigMap');
    api.create(configMaps, 'default', { metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    api.delete(configMaps, 'default', 'held');
    const held = api.get(configMaps, 'default', 'held');
    expect(held.metadata.deletionTimestamp).toBeDefined();
    api.update(configMaps, 'default', 'held', { ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect(api.tryGet(configMaps, 'default', 'held')).toBeUndefined();
  });

  it('cascades namespace deletion to everything inside', async () => {
    api.create(type('', 'Namespace'), undefined, { metadata: { name: 'team' } });
    api.create(type('apps', 'Deployment'), 'team', workload('Deployment', 'app', { replicas: 2 }));
    await eventually(() => pods('team', 'app=app').length === 2, 5000, 'team pods');
    api.delete(type('', 'Namespace'), undefined, 'team');
    await eventually(() => api.tryGet(type('', 'Namespace'), undefined, 'team') === undefined, 5000, 'namespace gone');
    expect(pods('team', '')).toHaveLength(0);
    expect(api.list(type('apps', 'ReplicaSet'), 'team').items).toHaveLength(0);
  });

  it('records no controller errors', () => {
    expect(sim.clusters[0]!.controllers.errors).toEqual([]);
  });
});
