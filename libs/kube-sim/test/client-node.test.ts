// Conformance with @kubernetes/client-node: CRUD, every patch type, list
// paging and selectors, watch with resume and 410, informers, Status errors,
// dry run and subresources, over HTTPS with a bearer token.
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  Watch,
  type KubernetesObject,
  type V1ConfigMap,
} from '@kubernetes/client-node';
import { request as httpsRequest } from 'node:https';
import type { KubeSim } from '../src';
import { caught, errorBody, eventually, startSim, statusCode } from './support';

// Rollouts and kubectl calls take seconds on a shared two-core machine.
jest.setTimeout(30_000);

let sim: KubeSim;
let kubeConfig: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;
let objects: KubernetesObjectApi;

beforeAll(async () => {
  ({ sim, kubeConfig } = await startSim({ watchHistory: 50 }));
  core = kubeConfig.makeApiClient(CoreV1Api);
  apps = kubeConfig.makeApiClient(AppsV1Api);
  objects = KubernetesObjectApi.makeApiClient(kubeConfig);
});

afterAll(async () => {
  await sim.stop();
});

const configMap = (
  name: string,
  data: Record<string, string> = { a: '1' },
  labels: Record<string, string> = {},
): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});

const deployment = (name: string, image = 'nginx:1.25'): KubernetesObject & Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] }] },
    },
  },
});

const widgetCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', properties: { size: { type: 'integer' } } },
              status: { type: 'object', properties: { phase: { type: 'string' } } },
            },
          },
        },
      },
    ],
  },
};

describe('authentication and discovery', () => {
  it('rejects a missing or wrong bearer token with 401 Unauthorized', async () => {
    const cluster = sim.clusters[0]!;
    const wrong = new KubeConfig();
    wrong.loadFromString(sim.kubeconfigYaml().replace(cluster.token, 'not-the-token'));
    const error = await caught(() => wrong.makeApiClient(CoreV1Api).listNamespace());
    expect(statusCode(error)).toBe(401);
    const anonymous = await rawRequest('GET', '/api/v1/namespaces', 'application/json', '', false);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });

  it('serves the core and group discovery documents', async () => {
    const resources = await core.getAPIResources();
    expect(resources.resources.map((resource) => resource.name)).toEqual(
      expect.arrayContaining(['pods', 'pods/status', 'configmaps', 'namespaces', 'nodes']),
    );
    const appsResources = await apps.getAPIResources();
    const deployments = appsResources.resources.find((resource) => resource.name === 'deployments');
    expect(deployments).toMatchObject({ kind: 'Deployment', namespaced: true, shortNames: ['deploy'] });
    expect(appsResources.resources.map((resource) => resource.name)).toContain('deployments/scale');
  });
});

describe('CRUD', () => {
  it('creates with server-set uid, creationTimestamp and resourceVersion, and reads back', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('crud-a') });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(Number(created.metadata?.resourceVersion)).toBeGreaterThan(0);
    const read = await core.readNamespacedConfigMap({ name: 'crud-a', namespace: 'default' });
    expect(read.data).toEqual({ a: '1' });
  });

  it('answers a duplicate create with 409 AlreadyExists and a missing object with 404 NotFound', async () => {
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('crud-dup') });
    const duplicate = await caught(() =>
      core.createNamespacedConfigMap({ namespace: 'default', body: configMap('crud-dup') }),
    );
    expect(statusCode(duplicate)).toBe(409);
    expect(errorBody(duplicate)).toMatchObject({
      reason: 'AlreadyExists',
      details: { name: 'crud-dup', kind: 'configmaps' },
    });
    const missing = await caught(() => core.readNamespacedConfigMap({ name: 'nope', namespace: 'default' }));
    expect(statusCode(missing)).toBe(404);
    expect(errorBody(missing)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'configmaps "nope" not found',
    });
  });

  it('rejects a stale resourceVersion on update with 409 Conflict', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('crud-occ') });
    const updated = await core.replaceNamespacedConfigMap({
      name: 'crud-occ',
      namespace: 'default',
      body: { ...created, data: { a: '2' } },
    });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));
    const stale = await caught(() =>
      core.replaceNamespacedConfigMap({
        name: 'crud-occ',
        namespace: 'default',
        body: { ...created, data: { a: '3' } },
      }),
    );
    expect(statusCode(stale)).toBe(409);
    expect(errorBody(stale)).toMatchObject({ reason: 'Conflict' });
  });

  it('rejects invalid names and schema violations with 422 Invalid, and malformed bodies with 400', async () => {
    const badName = await caught(() =>
      core.createNamespacedConfigMap({ namespace: 'default', body: configMap('Bad_Name') }),
    );
    expect(statusCode(badName)).toBe(422);
    expect(errorBody(badName)).toMatchObject({
      reason: 'Invalid',
      details: { causes: [expect.objectContaining({ field: 'metadata.name' })] },
    });
    const noContainers = {
      ...deployment('invalid'),
      spec: {
        selector: { matchLabels: { app: 'x' } },
        template: { metadata: { labels: { app: 'y' } }, spec: { containers: [] } },
      },
    };
    const invalid = await caught(() => objects.create(noContainers));
    expect(statusCode(invalid)).toBe(422);
    const fields = ((errorBody(invalid).details as { causes: { field: string }[] }).causes ?? []).map(
      (cause) => cause.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['spec.template.metadata.labels', 'spec.template.spec.containers']));
    const response = await rawRequest('POST', '/api/v1/namespaces/default/configmaps', 'application/json', '{not json');
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
  });

  it('forbids creating content in a terminating namespace (403)', async () => {
    const cluster = sim.clusters[0]!;
    const namespaces = cluster.api.types.byKind('', 'Namespace')!;
    cluster.api.create(namespaces, undefined, { metadata: { name: 'doomed', finalizers: ['example.com/hold'] } });
    cluster.api.create(cluster.api.types.byKind('', 'ConfigMap')!, 'doomed', {
      metadata: { name: 'held', finalizers: ['example.com/hold'] },
    });
    await core.deleteNamespace({ name: 'doomed' });
    const forbidden = await caught(() =>
      core.createNamespacedConfigMap({ namespace: 'doomed', body: configMap('late') }),
    );
    expect(statusCode(forbidden)).toBe(403);
    expect(errorBody(forbidden)).toMatchObject({ reason: 'Forbidden' });
    const namespace = await core.readNamespace({ name: 'doomed' });
    expect(namespace.status?.phase).toBe('Terminating');
  });

  it('honours dryRun=All on create, update, patch and delete without storing anything', async () => {
    const before = sim.clusters[0]!.store.revision;
    const dry = await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('dry'), dryRun: 'All' });
    expect(dry.metadata?.uid).toBeDefined();
    expect(statusCode(await caught(() => core.readNamespacedConfigMap({ name: 'dry', namespace: 'default' })))).toBe(
      404,
    );
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('dry-existing') });
    const afterCreate = sim.clusters[0]!.store.revision;
    const patched = await core.patchNamespacedConfigMap(
      { name: 'dry-existing', namespace: 'default', body: { data: { a: '9' } }, dryRun: 'All' },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched.data).toEqual({ a: '9' });
    await core.deleteNamespacedConfigMap({ name: 'dry-existing', namespace: 'default', dryRun: 'All' });
    expect((await core.readNamespacedConfigMap({ name: 'dry-existing', namespace: 'default' })).data).toEqual({
      a: '1',
    });
    expect(sim.clusters[0]!.store.revision).toBe(afterCreate);
    expect(afterCreate).toBe(before + 1);
  });

  it('bumps metadata.generation on spec changes only', async () => {
    await objects.create(deployment('gen'));
    const first = await apps.readNamespacedDeployment({ name: 'gen', namespace: 'default' });
    expect(first.metadata?.generation).toBe(1);
    await apps.patchNamespacedDeployment(
      { name: 'gen', namespace: 'default', body: { metadata: { labels: { extra: 'yes' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect((await apps.readNamespacedDeployment({ name: 'gen', namespace: 'default' })).metadata?.generation).toBe(1);
    await apps.patchNamespacedDeployment(
      { name: 'gen', namespace: 'default', body: { spec: { replicas: 3 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect((await apps.readNamespacedDeployment({ name: 'gen', namespace: 'default' })).metadata?.generation).toBe(2);
  });
});

describe('patch types', () => {
  it('applies a JSON patch (RFC 6902), failing a test op with 422', async () => {
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('jp', { a: '1', b: '2' }) });
    const patched = await core.patchNamespacedConfigMap(
      {
        name: 'jp',
        namespace: 'default',
        body: [
          { op: 'replace', path: '/data/a', value: 'x' },
          { op: 'remove', path: '/data/b' },
        ],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    expect(patched.data).toEqual({ a: 'x' });
    const failed = await caught(() =>
      core.patchNamespacedConfigMap(
        { name: 'jp', namespace: 'default', body: [{ op: 'test', path: '/data/a', value: 'nope' }] },
        setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
      ),
    );
    expect(statusCode(failed)).toBe(422);
  });

  it('applies a JSON merge patch where null deletes', async () => {
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('mp', { a: '1', b: '2' }) });
    const patched = await core.patchNamespacedConfigMap(
      { name: 'mp', namespace: 'default', body: { data: { a: null, c: '3' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched.data).toEqual({ b: '2', c: '3' });
  });

  it('applies a strategic merge patch with the real merge keys of built-in kinds', async () => {
    await objects.create(deployment('smp'));
    const patch = {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'sidecar', image: 'busybox:1' },
              { name: 'web', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 443 }] },
            ],
          },
        },
      },
    };
    const patched = await apps.patchNamespacedDeployment(
      { name: 'smp', namespace: 'default', body: patch },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const containers = patched.spec?.template.spec?.containers ?? [];
    expect(containers.map((container) => container.name)).toEqual(['web', 'sidecar']);
    expect(containers[0]?.image).toBe('nginx:1.25');
    expect(containers[0]?.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect(containers[0]?.ports?.map((port) => port.containerPort)).toEqual([80, 443]);
    const deleted = await apps.patchNamespacedDeployment(
      {
        name: 'smp',
        namespace: 'default',
        body: { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    expect(deleted.spec?.template.spec?.containers.map((container) => container.name)).toEqual(['web']);
  });

  it('rejects strategic merge patch for custom resources and unknown patch types with 415', async () => {
    const unknown = await rawRequest('PATCH', '/api/v1/namespaces/default/configmaps/jp', 'text/plain', '{}');
    expect(unknown.status).toBe(415);
    expect(unknown.json).toMatchObject({ reason: 'UnsupportedMediaType', code: 415 });
    await objects.create(widgetCrd);
    await eventually(
      () =>
        objects.create({
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'w1', namespace: 'default' },
          spec: { size: 1 },
        }),
      5000,
      'Widget served',
    );
    const strategic = await rawRequest(
      'PATCH',
      '/apis/example.com/v1/namespaces/default/widgets/w1',
      'application/strategic-merge-patch+json',
      '{"spec":{"size":2}}',
    );
    expect(strategic.status).toBe(415);
    const merge = await rawRequest(
      'PATCH',
      '/apis/example.com/v1/namespaces/default/widgets/w1',
      'application/merge-patch+json',
      '{"spec":{"size":2}}',
    );
    expect(merge.status).toBe(200);
    expect(merge.json).toMatchObject({ spec: { size: 2 }, metadata: { generation: 2 } });
  });

  it('server-side applies with field managers, managedFields, conflicts and force', async () => {
    const applied = await objects.patch(
      configMap('ssa', { a: '1', b: '2' }),
      undefined,
      undefined,
      'alice',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    expect(applied.data).toEqual({ a: '1', b: '2' });
    const managed = (applied.metadata?.managedFields ?? []).map((entry) => [entry.manager, entry.operation]);
    expect(managed).toEqual([['alice', 'Apply']]);
    await objects.patch(
      { ...configMap('ssa', { a: '1', c: '3' }) },
      undefined,
      undefined,
      'bob',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    const conflict = await caught(() =>
      objects.patch(
        configMap('ssa', { a: 'changed' }),
        undefined,
        undefined,
        'bob',
        undefined,
        PatchStrategy.ServerSideApply,
      ),
    );
    expect(statusCode(conflict)).toBe(409);
    expect(errorBody(conflict)).toMatchObject({
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', field: '.data.a' }] },
    });
    const forced = await objects.patch(
      configMap('ssa', { a: 'changed' }),
      undefined,
      undefined,
      'bob',
      true,
      PatchStrategy.ServerSideApply,
    );
    // bob dropped c (he alone owned it) and took a; alice keeps b.
    expect(forced.data).toEqual({ a: 'changed', b: '2' });
    const owners = Object.fromEntries(
      (forced.metadata?.managedFields ?? []).map((entry) => [
        entry.manager,
        Object.keys((entry.fieldsV1 as { 'f:data': object })['f:data']),
      ]),
    );
    expect(owners).toEqual({ alice: ['f:b'], bob: ['f:a'] });
  });

  it('requires a fieldManager for apply (400) and creates the object when missing', async () => {
    const response = await rawRequest(
      'PATCH',
      '/api/v1/namespaces/default/configmaps/ssa-new',
      'application/apply-patch+yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa-new\ndata:\n  k: v\n',
    );
    expect(response.status).toBe(400);
    const created = await objects.patch(
      configMap('ssa-new', { k: 'v' }),
      undefined,
      undefined,
      'tester',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    expect(created.metadata?.uid).toBeDefined();
  });
});

describe('list', () => {
  beforeAll(async () => {
    for (let index = 0; index < 7; index += 1) {
      await core.createNamespacedConfigMap({
        namespace: 'default',
        body: configMap(
          `list-${index}`,
          { i: String(index) },
          { group: 'list', parity: index % 2 === 0 ? 'even' : 'odd' },
        ),
      });
    }
  });

  it('filters by label selector and field selector', async () => {
    const even = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'group=list,parity=even' });
    expect(even.items.map((item) => item.metadata?.name)).toEqual(['list-0', 'list-2', 'list-4', 'list-6']);
    const setBased = await core.listNamespacedConfigMap({
      namespace: 'default',
      labelSelector: 'group in (list),parity notin (even)',
    });
    expect(setBased.items).toHaveLength(3);
    const byName = await core.listConfigMapForAllNamespaces({ fieldSelector: 'metadata.name=list-3' });
    expect(byName.items.map((item) => item.metadata?.name)).toEqual(['list-3']);
    const byNamespace = await core.listConfigMapForAllNamespaces({
      fieldSelector: 'metadata.namespace!=default',
      labelSelector: 'group=list',
    });
    expect(byNamespace.items).toHaveLength(0);
  });

  it('pages with limit and continue', async () => {
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await core.listNamespacedConfigMap({
        namespace: 'default',
        labelSelector: 'group=list',
        limit: 3,
        ...(token ? { _continue: token } : {}),
      });
      names.push(...page.items.map((item) => item.metadata?.name ?? ''));
      token = page.metadata?._continue;
      pages += 1;
      if (token) expect(page.metadata?.remainingItemCount).toBe(7 - names.length);
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(['list-0', 'list-1', 'list-2', 'list-3', 'list-4', 'list-5', 'list-6']);
  });

  it('deletes a collection by label selector', async () => {
    await core.deleteCollectionNamespacedConfigMap({ namespace: 'default', labelSelector: 'parity=odd' });
    const rest = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'group=list' });
    expect(rest.items.map((item) => item.metadata?.name)).toEqual(['list-0', 'list-2', 'list-4', 'list-6']);
  });
});

describe('watch', () => {
  interface Event {
    type: string;
    object: KubernetesObject;
  }

  async function collect(
    path: string,
    query: Record<string, string>,
    until: (events: Event[]) => boolean,
  ): Promise<Event[]> {
    const events: Event[] = [];
    const watch = new Watch(kubeConfig);
    const request = await watch.watch(
      path,
      query,
      (type, object) => events.push({ type, object: object as KubernetesObject }),
      () => undefined,
    );
    await eventually(() => until(events), 5000, `watch events on ${path}`);
    request.abort();
    return events;
  }

  it('streams ADDED, MODIFIED and DELETED and resumes from a resourceVersion without gaps', async () => {
    const start = (await core.listNamespacedConfigMap({ namespace: 'default' })).metadata?.resourceVersion ?? '0';
    const watching = collect(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: start, labelSelector: 'w=1' },
      (events) => events.some((event) => event.type === 'DELETED'),
    );
    await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('watched', { a: '1' }, { w: '1' }) });
    const modified = await core.patchNamespacedConfigMap(
      { name: 'watched', namespace: 'default', body: { data: { a: '2' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await core.deleteNamespacedConfigMap({ name: 'watched', namespace: 'default' });
    const events = await watching;
    expect(events.map((event) => event.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    const versions = events.map((event) => Number(event.object.metadata?.resourceVersion));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    // Resuming after the MODIFIED event replays only what followed it.
    const resumed = await collect(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: modified.metadata?.resourceVersion ?? '', labelSelector: 'w=1' },
      (list) => list.length >= 1,
    );
    expect(resumed.map((event) => event.type)).toEqual(['DELETED']);
  });

  it('answers a watch from a compacted resourceVersion with an ERROR 410 Expired event', async () => {
    for (let index = 0; index < 120; index += 1)
      await core.createNamespacedConfigMap({ namespace: 'default', body: configMap(`churn-${index}`) });
    const events = await collect(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: '2' },
      (list) => list.length > 0,
    );
    expect(events[0]?.type).toBe('ERROR');
    expect(events[0]?.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
  });

  it('sends BOOKMARK events with the current resourceVersion when allowed', async () => {
    const { sim: quick, kubeConfig: quickConfig } = await startSim({ timing: { bookmarkIntervalMs: 50 } });
    try {
      const events: { type: string; object: KubernetesObject }[] = [];
      const request = await new Watch(quickConfig).watch(
        '/api/v1/namespaces/default/configmaps',
        { allowWatchBookmarks: 'true' },
        (type, object) => events.push({ type, object: object as KubernetesObject }),
        () => undefined,
      );
      await eventually(() => events.some((event) => event.type === 'BOOKMARK'), 5000, 'bookmark');
      request.abort();
      const bookmark = events.find((event) => event.type === 'BOOKMARK');
      expect(bookmark?.object).toMatchObject({
        kind: 'ConfigMap',
        apiVersion: 'v1',
        metadata: { resourceVersion: String(quick.clusters[0]!.store.revision) },
      });
    } finally {
      await quick.stop();
    }
  });

  it('feeds an informer that sees adds, updates and deletes', async () => {
    const informer = makeInformer(
      kubeConfig,
      '/api/v1/namespaces/default/configmaps',
      () => core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'inf=1' }),
      'inf=1',
    );
    const seen: string[] = [];
    informer.on('add', (object) => seen.push(`add:${object.metadata?.name ?? ''}`));
    informer.on('update', (object) => seen.push(`update:${object.metadata?.name ?? ''}:${object.data?.a ?? ''}`));
    informer.on('delete', (object) => seen.push(`delete:${object.metadata?.name ?? ''}`));
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: configMap('inf-before', { a: '0' }, { inf: '1' }),
    });
    await informer.start();
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: configMap('inf-after', { a: '1' }, { inf: '1' }),
    });
    await core.patchNamespacedConfigMap(
      { name: 'inf-after', namespace: 'default', body: { data: { a: '2' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await core.deleteNamespacedConfigMap({ name: 'inf-before', namespace: 'default' });
    await eventually(() => seen.includes('delete:inf-before'), 5000, 'informer delete');
    await informer.stop();
    expect(seen).toEqual(['add:inf-before', 'add:inf-after', 'update:inf-after:2', 'delete:inf-before']);
    expect(informer.list().map((object) => object.metadata?.name)).toEqual(['inf-after']);
  });
});

describe('subresources', () => {
  it('updates status only through /status and keeps status on main-resource writes', async () => {
    const custom = kubeConfig.makeApiClient(CustomObjectsApi);
    const target = { group: 'example.com', version: 'v1', namespace: 'default', plural: 'widgets', name: 'w1' };
    const current = (await custom.getNamespacedCustomObject(target)) as { metadata: { generation: number } };
    await custom.replaceNamespacedCustomObjectStatus({
      ...target,
      body: { ...current, spec: { size: 99 }, status: { phase: 'Ready' } },
    });
    const afterStatus = (await custom.getNamespacedCustomObject(target)) as {
      spec: { size: number };
      status: { phase: string };
      metadata: { generation: number };
    };
    expect(afterStatus.status.phase).toBe('Ready');
    expect(afterStatus.spec.size).toBe(2);
    expect(afterStatus.metadata.generation).toBe(current.metadata.generation);
    await custom.patchNamespacedCustomObject(
      { ...target, body: { spec: { size: 3 }, status: { phase: 'Ignored' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const afterMain = (await custom.getNamespacedCustomObject(target)) as typeof afterStatus;
    expect(afterMain.status.phase).toBe('Ready');
    expect(afterMain.spec.size).toBe(3);
    expect(afterMain.metadata.generation).toBe(current.metadata.generation + 1);
  });

  it('reads and writes the scale subresource', async () => {
    await objects.create(deployment('sub'));
    const scale = await apps.readNamespacedDeploymentScale({ name: 'sub', namespace: 'default' });
    expect(scale).toMatchObject({ kind: 'Scale', spec: { replicas: 2 } });
    await apps.patchNamespacedDeploymentScale(
      { name: 'sub', namespace: 'default', body: { spec: { replicas: 4 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect((await apps.readNamespacedDeployment({ name: 'sub', namespace: 'default' })).spec?.replicas).toBe(4);
  });
});

/** A request outside client-node, for bodies and media types it would never send. */
async function rawRequest(
  method: string,
  path: string,
  contentType: string,
  body: string,
  authenticate = true,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const cluster = sim.clusters[0]!;
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      `${cluster.server}${path}`,
      {
        method,
        ca: sim.caCertPem,
        headers: { ...(authenticate ? { authorization: `Bearer ${cluster.token}` } : {}), 'content-type': contentType },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
