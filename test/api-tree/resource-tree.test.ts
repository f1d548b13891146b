// The resource tree and managed resources end to end: a controller (with the
// repo-server) over kube-sim publishes an app's tree — a Deployment whose
// ReplicaSet and Pods kube-sim's controllers create — and managed resources;
// a server answers Application.resourceTree and .managedResources and streams
// the tree (whole, then deltas) to subscribers; RBAC decides every answer and
// every event. An app whose project watches orphaned resources gets them in
// the tree (orphanedNodes), streamed as they come, and in
// `app resources --orphaned`.
import { CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { SettingsConfigMaps } from '../../core/src/kube/settings-config-maps.service';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import {
  applyLive,
  createApp,
  ensureNamespaces,
  eventually,
  trackedBy,
  useControllerFixture,
} from '../controller/support';
import { postGraphql, subscribe, type Subscription } from '../support/graphql';
import { runCliInProcess } from '../support/run-cli';
import { initialAdminPassword, loginToken } from '../support/test-kernel';

jest.setTimeout(90_000);

const SECRET_VALUE = Buffer.from('hunter2-database-password').toString('base64');
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'registry.example.com/shop/web:1.4.2' }] },
    },
  },
};
const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop' },
  data: { password: SECRET_VALUE },
};
const toYaml = (object: object) => JSON.stringify(object);
/** A ConfigMap in the orphan-watching app's namespace. */
const atticConfigMap = (name: string): KubernetesObject =>
  ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'attic' },
    data: { left: 'behind' },
  }) as KubernetesObject;

const POLICY = `p, carol, applications, get, default/*, allow
p, dave, applications, get, other/*, allow
`;

interface TreeNode {
  kind: string;
  name: string;
  uid: string;
  resourceVersion: string;
  parentRefs: { kind: string; uid: string }[];
  health: { status: string } | null;
  info: { name: string; value: string }[];
  images: string[];
}
interface TreeEvent {
  applicationResourceTree: {
    revision: number;
    from: number | null;
    tree: { nodes: TreeNode[] } | null;
    updated: { uid: string; resourceVersion: string | null; cleared: string[] }[];
    added: TreeNode[];
    removed: string[];
  };
}

const NODE_FIELDS =
  'kind name uid resourceVersion parentRefs { kind uid } health { status } info { name value } images';
const TREE_QUERY = `query { application(name: "web") {
  resourceTree { revision nodes { ${NODE_FIELDS} } }
  managedResources { kind name targetState liveState normalizedLiveState predictedLiveState modified resourceVersion } } }`;
const SUBSCRIPTION = `subscription { applicationResourceTree(name: "web") {
  revision from tree { nodes { ${NODE_FIELDS} } } added { uid kind } updated { uid resourceVersion health { status } cleared } removed } }`;

describe('resource tree over GraphQL', () => {
  const fixture = useControllerFixture({
    files: {
      'web/deployment.yaml': toYaml(deployment),
      'web/secret.yaml': toYaml(secret),
      'attic/settings.yaml': toYaml(atticConfigMap('settings')),
    },
    // No resync within the test: what changes must reach the tree through the watches.
    argocdCm: { 'accounts.carol': 'login', 'accounts.dave': 'login', 'timeout.reconciliation': '600s' },
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, 'shop', 'attic');
      await applyLive(f.kubeConfig, [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'argocd-rbac-cm', namespace: f.namespace },
          data: { 'policy.csv': POLICY },
        } as KubernetesObject,
      ]);
    },
  });
  let server: RunningKernel;
  const tokens: Record<string, string> = {};
  const subscriptions: Pick<Subscription<unknown>, 'close'>[] = [];

  const query = async <T>(user: string, text: string) =>
    (await postGraphql<T>(server.url, text, {}, { token: tokens[user] ?? null })).body;

  const pods = () =>
    fixture.kubeConfig
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({ namespace: 'shop' })
      .then((list) => list.items);

  beforeAll(async () => {
    server = await fixture.startKernel(['server']);
    server.app.get(SettingsConfigMaps).ttlMs = 0;
    const adminPassword = await initialAdminPassword({ kubeConfig: fixture.kubeConfig } as never, fixture.namespace);
    tokens.admin = await loginToken(server.url, 'admin', adminPassword);
    for (const user of ['carol', 'dave']) {
      const set = await query(
        'admin',
        `mutation { updatePassword(currentPassword: "${adminPassword}", newPassword: "${user}-password-1", name: "${user}") }`,
      );
      expect(set).toEqual({ data: { updatePassword: true } });
      tokens[user] = await loginToken(server.url, user, `${user}-password-1`);
    }
    // Live as a sync leaves it: tracked by the app; kube-sim's controllers add the ReplicaSet and Pods.
    await applyLive(fixture.kubeConfig, [trackedBy('web', deployment), trackedBy('web', secret)]);
    await createApp(fixture, 'web', {
      source: { repoURL: fixture.repoURL, path: 'web', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
    });
  });
  // Before the fixture stops the kernels: a server going away under an open subscription is logged.
  afterEach(async () => {
    for (const subscription of subscriptions.splice(0)) await subscription.close().catch(() => undefined);
  });

  it('answers the tree: the Deployment, its ReplicaSet and its Pods, with owners and pod details', async () => {
    const tree = await eventually(async () => {
      const body = await query<{ application: { resourceTree: { revision: number; nodes: TreeNode[] } } }>(
        'admin',
        TREE_QUERY,
      );
      const nodes = body.data?.application.resourceTree?.nodes ?? [];
      expect(nodes.filter((node) => node.kind === 'Pod' && node.health?.status === 'Healthy')).toHaveLength(2);
      return body.data!.application.resourceTree;
    }, 60_000);
    const deploymentNode = tree.nodes.find((node) => node.kind === 'Deployment');
    const replicaSet = tree.nodes.find((node) => node.kind === 'ReplicaSet');
    expect(deploymentNode).toMatchObject({ name: 'web', parentRefs: [] });
    expect(replicaSet?.parentRefs).toEqual([{ kind: 'Deployment', uid: deploymentNode?.uid }]);
    for (const pod of tree.nodes.filter((node) => node.kind === 'Pod')) {
      expect(pod.parentRefs).toEqual([{ kind: 'ReplicaSet', uid: replicaSet?.uid }]);
      expect(pod.images).toEqual(['registry.example.com/shop/web:1.4.2']);
      expect(pod.info).toEqual(expect.arrayContaining([{ name: 'Containers', value: '1/1' }]));
    }
    expect(tree.nodes.map((node) => node.kind).sort()).toEqual(['Deployment', 'Pod', 'Pod', 'ReplicaSet', 'Secret']);
  });

  it('shows managed resources with Secret values masked in every state', async () => {
    const body = await query<{ application: { managedResources: Record<string, unknown>[] } }>('admin', TREE_QUERY);
    const resources = body.data?.application.managedResources ?? [];
    expect(resources.map((resource) => resource.kind).sort()).toEqual(['Deployment', 'Secret']);
    const shown = resources.find((resource) => resource.kind === 'Secret');
    expect(JSON.stringify(body)).not.toContain(SECRET_VALUE);
    expect(JSON.parse(shown?.liveState as string)).toMatchObject({ data: { password: '++++++++' } });
    expect(JSON.parse(shown?.targetState as string)).toMatchObject({ data: { password: '++++++++' } });
    expect(shown?.modified).toBe(false);
  });

  it('streams the whole tree, then a small delta when one Pod changes', async () => {
    const subscription = await subscribe<TreeEvent>(server.url, SUBSCRIPTION, { token: tokens.carol ?? null });
    subscriptions.push(subscription);
    const first = (await subscription.next()).applicationResourceTree;
    expect(first.tree?.nodes.filter((node) => node.kind === 'Pod')).toHaveLength(2);
    const [pod] = await pods();
    await fixture.kubeConfig.makeApiClient(CoreV1Api).patchNamespacedPod({
      name: pod!.metadata!.name!,
      namespace: 'shop',
      body: [{ op: 'add', path: '/metadata/labels/touched', value: 'yes' }],
    });
    const event = await subscription.next((next) =>
      next.applicationResourceTree.updated.some((patch) => patch.uid === pod!.metadata!.uid),
    );
    const delta = event.applicationResourceTree;
    expect(delta.tree).toBeNull();
    expect(delta.from).toBe(delta.revision - 1);
    expect(delta.updated).toEqual([
      { uid: pod!.metadata!.uid, resourceVersion: expect.any(String) as unknown, health: null, cleared: [] },
    ]);
    expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(1024);
  });

  it('answers a forbidden user exactly as a missing app, and ends a stream when access is withdrawn', async () => {
    expect(await query('dave', TREE_QUERY)).toEqual({ data: { application: null } });
    const refused = await subscribe<TreeEvent>(server.url, SUBSCRIPTION, { token: tokens.dave ?? null });
    const missing = await subscribe<TreeEvent>(server.url, SUBSCRIPTION.replace('"web"', '"nope"'), {
      token: tokens.admin ?? null,
    });
    subscriptions.push(refused, missing);
    const failure = (subscription: Subscription<TreeEvent>) =>
      eventually(() => {
        try {
          subscription.take(() => true);
        } catch (error) {
          return Promise.resolve((error as Error).message);
        }
        throw new Error('the subscription has not failed yet');
      }, 10_000);
    const refusedMessage = await failure(refused);
    expect(refusedMessage).toContain('FORBIDDEN');
    expect(refusedMessage.replace(/"path":\["[^"]*"\]/, '')).toBe(
      (await failure(missing)).replace(/"path":\["[^"]*"\]/, ''),
    );

    const watching = await subscribe<TreeEvent>(server.url, SUBSCRIPTION, { token: tokens.carol ?? null });
    const control = await subscribe<TreeEvent>(server.url, SUBSCRIPTION, { token: tokens.admin ?? null });
    subscriptions.push(watching, control);
    await watching.next();
    await control.next();
    await applyLive(fixture.kubeConfig, [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'argocd-rbac-cm', namespace: fixture.namespace },
        data: { 'policy.csv': 'p, dave, applications, get, other/*, allow\n' },
      } as KubernetesObject,
    ]);
    const [pod] = await pods();
    await fixture.kubeConfig
      .makeApiClient(CoreV1Api)
      .deleteNamespacedPod({ name: pod!.metadata!.name!, namespace: 'shop' });
    // The tree changes (a Pod goes, the ReplicaSet makes another): admin hears it, carol no longer may.
    await control.next((event) => event.applicationResourceTree.removed.includes(pod!.metadata!.uid!));
    expect(watching.take(() => true)).toBeUndefined();
  });

  it('lists the orphaned resources of a project that watches them, streams a new one, prints them and streams one that goes', async () => {
    await applyLive(fixture.kubeConfig, [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'watchful', namespace: fixture.namespace },
        spec: {
          sourceRepos: ['*'],
          destinations: [{ server: '*', namespace: '*' }],
          orphanedResources: { warn: true, ignore: [{ kind: 'ConfigMap', name: 'ignored-*' }] },
        },
      } as KubernetesObject,
      trackedBy('attic', atticConfigMap('settings')),
      atticConfigMap('leftover'),
      atticConfigMap('ignored-cache'),
    ]);
    await createApp(fixture, 'attic', {
      project: 'watchful',
      source: { repoURL: fixture.repoURL, path: 'attic', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'attic' },
    });
    const treeQuery = `query { application(name: "attic") {
      resourceTree { nodes { kind name } orphanedNodes { kind name namespace uid parentRefs { uid } health { status } } } } }`;
    const tree = await eventually(async () => {
      const body = await query<{ application: { resourceTree: OrphanTree | null } }>('admin', treeQuery);
      expect(body.data?.application.resourceTree?.orphanedNodes.map((node) => node.name)).toEqual(['leftover']);
      return body.data!.application.resourceTree!;
    });
    expect(tree.nodes).toEqual([{ kind: 'ConfigMap', name: 'settings' }]);
    expect(tree.orphanedNodes[0]).toMatchObject({
      kind: 'ConfigMap',
      namespace: 'attic',
      parentRefs: [],
      health: null,
    });
    // The web app's project does not watch orphans: its tree has none.
    const web = await query<{ application: { resourceTree: OrphanTree } }>(
      'admin',
      'query { application(name: "web") { resourceTree { orphanedNodes { name } } } }',
    );
    expect(web.data?.application.resourceTree.orphanedNodes).toEqual([]);

    const subscription = await subscribe<OrphanEvent>(
      server.url,
      `subscription { applicationResourceTree(name: "attic") {
        revision from tree { orphanedNodes { name } } added { uid } removed orphanedAdded { kind name } orphanedRemoved } }`,
      { token: tokens.admin ?? null },
    );
    subscriptions.push(subscription);
    expect((await subscription.next()).applicationResourceTree.tree?.orphanedNodes).toEqual([{ name: 'leftover' }]);
    await applyLive(fixture.kubeConfig, [atticConfigMap('forgotten')]);
    const event = await subscription.next((next) => next.applicationResourceTree.orphanedAdded.length > 0);
    expect(event.applicationResourceTree).toMatchObject({
      tree: null,
      added: [],
      removed: [],
      orphanedAdded: [{ kind: 'ConfigMap', name: 'forgotten' }],
      orphanedRemoved: [],
    });
    expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(1024);

    const cli = await runCliInProcess([
      'app',
      'resources',
      'attic',
      '--orphaned',
      '--server',
      server.url,
      '--auth-token',
      tokens.admin ?? '',
    ]);
    expect(cli).toEqual({
      code: 0,
      stdout: [
        'GROUP  KIND       NAMESPACE  NAME       ORPHANED',
        '       ConfigMap  attic      forgotten  Yes',
        '       ConfigMap  attic      leftover   Yes',
        '',
      ].join('\n'),
      stderr: '',
    });

    await fixture.kubeConfig
      .makeApiClient(CoreV1Api)
      .deleteNamespacedConfigMap({ name: 'leftover', namespace: 'attic' });
    const removal = await subscription.next((next) => next.applicationResourceTree.orphanedRemoved.length > 0);
    expect(removal.applicationResourceTree.orphanedRemoved).toEqual([tree.orphanedNodes[0]?.uid]);
  });
});

interface OrphanTree {
  nodes: { kind: string; name: string }[];
  orphanedNodes: { kind: string; name: string; namespace: string; uid: string }[];
}
interface OrphanEvent {
  applicationResourceTree: {
    tree: { orphanedNodes: { name: string }[] } | null;
    added: { uid: string }[];
    removed: string[];
    orphanedAdded: { kind: string; name: string }[];
    orphanedRemoved: string[];
  };
}
