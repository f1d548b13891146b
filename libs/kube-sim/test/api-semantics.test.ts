// API semantics beyond the client conformance suites: multi-version and
// cluster-scoped CRDs in discovery, generateName, delete preconditions,
// foreground deletion, expired continue tokens, watch timeouts and the
// Recreate strategy.
import { ApisApi, CoreV1Api, CustomObjectsApi, KubeConfig, Watch } from '@kubernetes/client-node';
import type { ClusterApi, KubeObject, KubeSim, ResourceType } from '../src';
import { ApiError } from '../src';
import { caught, eventually, startSim, statusCode } from './support';

// Rollouts and kubectl calls take seconds on a shared two-core machine.
jest.setTimeout(30_000);

let sim: KubeSim;
let kubeConfig: KubeConfig;
let api: ClusterApi;

beforeAll(async () => {
  ({ sim, kubeConfig } = await startSim({ watchHistory: 20 }));
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

const thrown = (work: () => unknown): ApiError => {
  try {
    work();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
};

describe('custom resources', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'clusterthings.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Cluster',
      names: { plural: 'clusterthings', singular: 'clusterthing', kind: 'ClusterThing', shortNames: ['ct'] },
      versions: [
        {
          name: 'v1beta1',
          served: true,
          storage: false,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: {
            status: {},
            scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
          },
          additionalPrinterColumns: [{ name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' }],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: { type: 'object', required: ['replicas'], properties: { replicas: { type: 'integer' } } },
                status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              },
            },
          },
        },
      ],
    },
  };

  it('serves a cluster-scoped CRD at every version, lists it in discovery and converts apiVersion', async () => {
    api.create(type('apiextensions.k8s.io', 'CustomResourceDefinition'), undefined, crd);
    const groups = await kubeConfig.makeApiClient(ApisApi).getAPIVersions();
    const group = groups.groups.find((candidate) => candidate.name === 'example.com');
    expect(group?.versions.map((version) => version.version)).toEqual(['v1', 'v1beta1']);
    expect(group?.preferredVersion?.version).toBe('v1');
    const custom = kubeConfig.makeApiClient(CustomObjectsApi);
    await custom.createClusterCustomObject({
      group: 'example.com',
      version: 'v1beta1',
      plural: 'clusterthings',
      body: {
        apiVersion: 'example.com/v1beta1',
        kind: 'ClusterThing',
        metadata: { name: 'one' },
        spec: { replicas: 2 },
      },
    });
    const asV1 = (await custom.getClusterCustomObject({
      group: 'example.com',
      version: 'v1',
      plural: 'clusterthings',
      name: 'one',
    })) as KubeObject;
    expect(asV1.apiVersion).toBe('example.com/v1');
    expect(asV1.metadata.namespace).toBeUndefined();
    const invalid = await caught(() =>
      custom.createClusterCustomObject({
        group: 'example.com',
        version: 'v1',
        plural: 'clusterthings',
        body: { apiVersion: 'example.com/v1', kind: 'ClusterThing', metadata: { name: 'two' }, spec: {} },
      }),
    );
    expect(statusCode(invalid)).toBe(422);
  });

  it('serves the scale subresource of a custom resource', () => {
    const things = type('example.com', 'ClusterThing');
    expect(api.scaleOf(things, api.get(things, undefined, 'one'))).toMatchObject({
      kind: 'Scale',
      spec: { replicas: 2 },
    });
    api.update(
      things,
      undefined,
      'one',
      { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'one' }, spec: { replicas: 5 } },
      { subresource: 'scale' },
    );
    expect((api.get(things, undefined, 'one').spec as { replicas: number }).replicas).toBe(5);
  });

  it('rejects a CRD whose name is not plural.group', () => {
    const error = thrown(() =>
      api.create(type('apiextensions.k8s.io', 'CustomResourceDefinition'), undefined, {
        ...crd,
        metadata: { name: 'wrong.example.com' },
      }),
    );
    expect(error.code).toBe(422);
  });

  it('drops the kind and its objects when the CRD is deleted, sending DELETED to watchers', () => {
    const things = type('example.com', 'ClusterThing');
    const seen: string[] = [];
    const watch = api.watch(things, undefined, { resourceVersion: String(api.store.revision) }, (eventType, object) =>
      seen.push(`${eventType}:${object.metadata.name ?? ''}`),
    );
    api.delete(type('apiextensions.k8s.io', 'CustomResourceDefinition'), undefined, 'clusterthings.example.com');
    watch.close();
    expect(seen).toEqual(['DELETED:one']);
    expect(api.types.byKind('example.com', 'ClusterThing')).toBeUndefined();
  });
});

describe('writes and deletes', () => {
  it('generates names from generateName', () => {
    const created = api.create(type('', 'ConfigMap'), 'default', { metadata: { generateName: 'gen-' } });
    expect(created.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('checks delete preconditions', () => {
    const created = api.create(type('', 'ConfigMap'), 'default', { metadata: { name: 'precondition' } });
    expect(
      thrown(() => api.delete(type('', 'ConfigMap'), 'default', 'precondition', { preconditions: { uid: 'other' } }))
        .code,
    ).toBe(409);
    expect(
      thrown(() =>
        api.delete(type('', 'ConfigMap'), 'default', 'precondition', { preconditions: { resourceVersion: '1' } }),
      ).code,
    ).toBe(409);
    api.delete(type('', 'ConfigMap'), 'default', 'precondition', {
      preconditions: { uid: created.metadata.uid ?? '' },
    });
    expect(api.tryGet(type('', 'ConfigMap'), 'default', 'precondition')).toBeUndefined();
  });

  it('holds the owner with foregroundDeletion until its dependents are gone', async () => {
    const replicaSets = type('apps', 'ReplicaSet');
    api.create(replicaSets, 'default', {
      metadata: { name: 'fg' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'fg' } },
        template: { metadata: { labels: { app: 'fg' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } },
      },
    });
    await eventually(
      () => api.list(type('', 'Pod'), 'default', { labelSelector: 'app=fg' }).items.length === 2,
      5000,
      'pods',
    );
    const deleting = api.delete(replicaSets, 'default', 'fg', { propagationPolicy: 'Foreground' });
    expect(deleting.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    await eventually(() => api.tryGet(replicaSets, 'default', 'fg') === undefined, 5000, 'owner gone');
    expect(api.list(type('', 'Pod'), 'default', { labelSelector: 'app=fg' }).items).toHaveLength(0);
  });

  it('refuses to delete system namespaces', () => {
    expect(thrown(() => api.delete(type('', 'Namespace'), undefined, 'kube-system')).code).toBe(403);
  });
});

describe('lists and watches', () => {
  it('answers 410 for a continue token older than the retained history', () => {
    const configMaps = type('', 'ConfigMap');
    for (let index = 0; index < 5; index += 1)
      api.create(configMaps, 'default', { metadata: { name: `page-${index}`, labels: { page: 'yes' } } });
    const first = api.list(configMaps, 'default', { labelSelector: 'page=yes', limit: 2 });
    expect(first.continue).toBeDefined();
    for (let index = 0; index < 60; index += 1)
      api.create(configMaps, 'default', { metadata: { name: `churn-${index}` } });
    expect(
      thrown(() =>
        api.list(configMaps, 'default', { labelSelector: 'page=yes', limit: 2, continue: first.continue ?? '' }),
      ).code,
    ).toBe(410);
  });

  it('ends a watch after timeoutSeconds', async () => {
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      void new Watch(kubeConfig).watch(
        '/api/v1/namespaces/default/configmaps',
        { timeoutSeconds: 1, resourceVersion: String(api.store.revision) },
        () => undefined,
        (error: unknown) => (error ? reject(error instanceof Error ? error : new Error('watch failed')) : resolve()),
      );
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('selects pods by spec.nodeName and status.phase', async () => {
    const pods = type('', 'Pod');
    for (const [name, node] of [
      ['on-one', 'sim-node-1'],
      ['on-two', 'sim-node-2'],
    ]) {
      api.create(pods, 'default', {
        metadata: { name, labels: { placed: 'yes' } },
        spec: { nodeName: node, containers: [{ name: 'c', image: 'x:1' }] },
      });
    }
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const onNode = await core.listPodForAllNamespaces({
      fieldSelector: 'spec.nodeName=sim-node-1',
      labelSelector: 'placed=yes',
    });
    expect(onNode.items.map((pod) => pod.metadata?.name)).toEqual(['on-one']);
    await eventually(
      () =>
        api.list(pods, 'default', { labelSelector: 'placed=yes', fieldSelector: 'status.phase=Running' }).items
          .length === 2,
      5000,
      'running pods',
    );
    expect(
      api.list(pods, 'default', { labelSelector: 'placed=yes', fieldSelector: 'status.phase!=Running' }).items,
    ).toHaveLength(0);
  });
});

describe('Recreate strategy', () => {
  it('scales the old ReplicaSet to zero before the new one comes up', async () => {
    const deployments = type('apps', 'Deployment');
    const spec = (image: string): Record<string, unknown> => ({
      replicas: 2,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { app: 'rec' } },
      template: { metadata: { labels: { app: 'rec' } }, spec: { containers: [{ name: 'c', image }] } },
    });
    api.create(deployments, 'default', { metadata: { name: 'rec' }, spec: spec('x:1') });
    await eventually(
      () =>
        (api.get(deployments, 'default', 'rec').status as { availableReplicas?: number } | undefined)
          ?.availableReplicas === 2,
      5000,
      'first rollout',
    );
    const current = api.get(deployments, 'default', 'rec');
    api.update(deployments, 'default', 'rec', { ...current, spec: spec('x:2') });
    const images = new Set<string>();
    const watch = api.watch(
      type('', 'Pod'),
      'default',
      { labelSelector: 'app=rec', resourceVersion: String(api.store.revision) },
      (eventType) => {
        if (eventType !== 'DELETED')
          images.add(
            JSON.stringify(
              api
                .list(type('', 'Pod'), 'default', { labelSelector: 'app=rec' })
                .items.map((item) => (item.spec as { containers: { image: string }[] }).containers[0]?.image)
                .sort(),
            ),
          );
      },
    );
    await eventually(
      () => {
        const status = api.get(deployments, 'default', 'rec').status as {
          updatedReplicas?: number;
          availableReplicas?: number;
          replicas?: number;
        };
        return status.updatedReplicas === 2 && status.availableReplicas === 2 && status.replicas === 2;
      },
      5000,
      'recreate rollout',
    );
    watch.close();
    // Never both images at once.
    expect([...images].some((set) => set.includes('x:1') && set.includes('x:2'))).toBe(false);
  });
});
