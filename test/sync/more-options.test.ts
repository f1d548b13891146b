// The rest of the options and annotations, end to end: Force=true re-creates
// what the API refuses to change, PrunePropagationPolicy=orphan keeps the
// pruned object's dependents, PruneLast prunes after the last wave, Skip and
// Helm's non-install hooks are never applied while Helm's pre-install hook
// runs as PreSync, and an inactive allow window holds a manual sync unless
// it has manualSync. Validate=false lets through a field the API refuses
// under strict validation; SkipDryRunOnMissingResource lets a custom resource
// whose CRD another party installs during the sync pass the dry run; a switch
// to ServerSideApply takes over what client-side apply owned
// (ClientSideApplyMigration).
import { AppsV1Api, CoreV1Api, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { appStatus, createApp, ensureNamespaces, eventually, useControllerFixture } from '../controller/support';
import { operationEnded, requestSync, resultSummary } from './support';

const deployment = (name: string, selector: string, annotations: Record<string, string> = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  annotations: ${JSON.stringify(annotations)}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${selector}}}
  template:
    metadata: {labels: {app: ${selector}}}
    spec: {containers: [{name: web, image: nginx}]}
`;
const configMap = (name: string, annotations: Record<string, string> = {}) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations: ${JSON.stringify(annotations)}
data: {a: b}
`;
const misplacedField = (annotations: Record<string, string> = {}) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: loose
  annotations: ${JSON.stringify(annotations)}
spec: {note: misplaced}
data: {a: b}
`;
const twoKeys = (name: string, data: Record<string, string>) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: ${JSON.stringify(data)}\n`;
const gadget = (annotations: Record<string, string>) => `apiVersion: example.com/v1
kind: Gadget
metadata:
  name: g1
  annotations: ${JSON.stringify(annotations)}
spec: {size: 3}
`;
const gadgetCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
          },
        },
      },
    ],
  },
};
const job = (name: string, annotations: Record<string, string>) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  annotations: ${JSON.stringify(annotations)}
spec:
  template:
    spec: {restartPolicy: Never, containers: [{name: run, image: busybox}]}
`;

describe('sync: more options and annotations', () => {
  const fixture = useControllerFixture({
    files: {
      'force/deploy.yaml': deployment('web', 'one'),
      'orphan/deploy.yaml': deployment('web', 'web'),
      'prune-last/a.yaml': configMap('a'),
      'prune-last/old.yaml': configMap('old'),
      'hooks/skipped.yaml': configMap('skipped', { 'argocd.argoproj.io/hook': 'Skip' }),
      'hooks/helm-pre.yaml': job('helm-pre', { 'helm.sh/hook': 'pre-install,pre-upgrade' }),
      'hooks/helm-test.yaml': job('helm-test', { 'helm.sh/hook': 'test' }),
      'hooks/app.yaml': configMap('app'),
      'allow/cm.yaml': configMap('allowed'),
      'strict/cm.yaml': misplacedField(),
      'csa-migrated/cm.yaml': twoKeys('settings', { a: '1', b: '2' }),
      'csa-kept/cm.yaml': twoKeys('settings', { a: '1', b: '2' }),
      'crd-missing/gadget.yaml': gadget({}),
      'crd-later/gadget.yaml': gadget({ 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' }),
      'crd-later/installer.yaml': job('installer', {
        'argocd.argoproj.io/hook': 'PreSync',
        'sim.driftless.dev/run-seconds': '4',
      }),
    },
    prepare: async (f) =>
      ensureNamespaces(
        f.kubeConfig,
        'force',
        'orphan',
        'prune-last',
        'hooks',
        'allow',
        'strict',
        'csa-migrated',
        'csa-kept',
        'crd-missing',
        'crd-later',
      ),
  });
  const app = (name: string, extra: Record<string, unknown> = {}) =>
    createApp(fixture, name, {
      source: { repoURL: fixture.repoURL, path: name, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      ...extra,
    });
  const commitSeen = async (name: string, files: Record<string, string | null>) => {
    const sha = await fixture.repo.commit(files);
    await appStatus(fixture, name, (current) => expect(current.status?.sync?.revision).toBe(sha));
  };
  const exists = (apiVersion: string, kind: string, name: string, namespace: string) =>
    KubernetesObjectApi.makeApiClient(fixture.kubeConfig)
      .read({ apiVersion, kind, metadata: { name, namespace } })
      .then(
        () => true,
        () => false,
      );

  it('fails on an immutable field, and re-creates the object with Force=true', async () => {
    await app('force');
    await operationEnded(fixture, 'force', await requestSync(fixture, 'force'));
    const deployments = fixture.kubeConfig.makeApiClient(AppsV1Api);
    const before = await deployments.readNamespacedDeployment({ name: 'web', namespace: 'force' });
    await commitSeen('force', { 'force/deploy.yaml': deployment('web', 'two') });
    const refused = await operationEnded(fixture, 'force', await requestSync(fixture, 'force'));
    expect(refused.state.phase).toBe('Failed');
    expect(refused.state.message).toMatch(/^one or more synchronization tasks are not valid: .*immutable/);
    const forced = await operationEnded(
      fixture,
      'force',
      await requestSync(fixture, 'force', { syncOptions: ['Force=true'] }),
    );
    expect([forced.state.phase, forced.state.message]).toEqual(['Succeeded', 'successfully synced (all tasks run)']);
    expect(forced.state.syncResult?.resources?.[0]?.message).toBe('deployment.apps/web replaced');
    const after = await deployments.readNamespacedDeployment({ name: 'web', namespace: 'force' });
    expect(after.metadata?.uid).not.toBe(before.metadata?.uid);
    expect(after.spec?.selector.matchLabels).toEqual({ app: 'two' });
  });

  it('prunes with PrunePropagationPolicy=orphan: the Deployment goes, its ReplicaSet stays', async () => {
    await app('orphan', { syncPolicy: { syncOptions: ['PrunePropagationPolicy=orphan'] } });
    await operationEnded(fixture, 'orphan', await requestSync(fixture, 'orphan'));
    const apps = fixture.kubeConfig.makeApiClient(AppsV1Api);
    const replicaSets = await eventually(async () => {
      const list = await apps.listNamespacedReplicaSet({ namespace: 'orphan' });
      expect(list.items).toHaveLength(1);
      return list.items;
    });
    await commitSeen('orphan', { 'orphan/deploy.yaml': null, 'orphan/keep.yaml': configMap('keep') });
    const { state } = await operationEnded(fixture, 'orphan', await requestSync(fixture, 'orphan', { prune: true }));
    expect(state.phase).toBe('Succeeded');
    await eventually(async () => expect(await exists('apps/v1', 'Deployment', 'web', 'orphan')).toBe(false));
    const left = await apps.listNamespacedReplicaSet({ namespace: 'orphan' });
    expect(left.items.map((item) => item.metadata?.uid)).toEqual(replicaSets.map((item) => item.metadata?.uid));
    expect(left.items[0]?.metadata?.ownerReferences ?? []).toEqual([]);
  });

  it('prunes after the last wave with PruneLast=true', async () => {
    await app('prune-last', { syncPolicy: { syncOptions: ['PruneLast=true'] } });
    await operationEnded(fixture, 'prune-last', await requestSync(fixture, 'prune-last'));
    await commitSeen('prune-last', {
      'prune-last/old.yaml': null,
      'prune-last/late.yaml': configMap('late', { 'argocd.argoproj.io/sync-wave': '3' }),
    });
    const order: string[] = [];
    const stop = fixture.sim.clusters[0]!.store.subscribe((event) => {
      const object = event.object as unknown as KubernetesObject;
      if (object.kind !== 'ConfigMap' || object.metadata?.namespace !== 'prune-last') return;
      if (event.type === 'ADDED' || event.type === 'DELETED') order.push(`${event.type} ${object.metadata?.name}`);
    });
    const { state } = await operationEnded(
      fixture,
      'prune-last',
      await requestSync(fixture, 'prune-last', { prune: true }),
    );
    stop();
    expect(state.phase).toBe('Succeeded');
    expect(order).toEqual(['ADDED late', 'DELETED old']);
  });

  it('never applies Skip hooks or Helm hooks other than install/upgrade, and runs pre-install as PreSync', async () => {
    await app('hooks');
    const { state } = await operationEnded(fixture, 'hooks', await requestSync(fixture, 'hooks'));
    expect(state.phase).toBe('Succeeded');
    expect(resultSummary(state)).toEqual([
      'PreSync:Job/helm-pre:Synced:Succeeded',
      'Sync:ConfigMap/app:Synced:Running',
    ]);
    expect(await exists('v1', 'ConfigMap', 'skipped', 'hooks')).toBe(false);
    expect(await exists('batch/v1', 'Job', 'helm-test', 'hooks')).toBe(false);
  });

  it('holds a manual sync outside its allow window, unless the window has manualSync', async () => {
    const projects = KubernetesObjectApi.makeApiClient(fixture.kubeConfig);
    const window = { kind: 'allow', schedule: '0 0 1 1 *', duration: '1m', applications: ['allow'] };
    await projects.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'office-hours', namespace: fixture.namespace },
      spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], syncWindows: [window] },
    } as KubernetesObject);
    await app('allow', { project: 'office-hours' });
    const marker = await requestSync(fixture, 'allow');
    const held = await appStatus(fixture, 'allow', (current) =>
      expect(current.status?.operationState?.message).toMatch(/^Cannot sync: Blocked by sync window/),
    );
    expect(held.status?.operationState?.phase).toBe('Running');
    await projects.patch(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'office-hours', namespace: fixture.namespace },
        spec: { syncWindows: [{ ...window, manualSync: true }] },
      } as KubernetesObject,
      undefined,
      undefined,
      undefined,
      undefined,
      'application/merge-patch+json',
    );
    const { state } = await operationEnded(fixture, 'allow', marker, 90_000);
    expect(state.phase).toBe('Succeeded');
    expect(await exists('v1', 'ConfigMap', 'allowed', 'allow')).toBe(true);
  });

  it('fails on a field the API refuses under strict validation, and applies it with Validate=false', async () => {
    await app('strict');
    const refused = await operationEnded(fixture, 'strict', await requestSync(fixture, 'strict'));
    expect(refused.state.phase).toBe('Failed');
    expect(refused.state.message).toContain('strict decoding error: unknown field "spec"');
    expect(await exists('v1', 'ConfigMap', 'loose', 'strict')).toBe(false);
    await commitSeen('strict', {
      'strict/cm.yaml': misplacedField({ 'argocd.argoproj.io/sync-options': 'Validate=false' }),
    });
    const applied = await operationEnded(fixture, 'strict', await requestSync(fixture, 'strict'));
    expect([applied.state.phase, applied.state.message]).toEqual(['Succeeded', 'successfully synced (all tasks run)']);
    const live = await KubernetesObjectApi.makeApiClient(fixture.kubeConfig).read({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'loose', namespace: 'strict' },
    });
    expect([(live as { spec?: unknown }).spec, (live as { data?: unknown }).data]).toEqual([undefined, { a: 'b' }]);
  });

  it('fails the dry run of a resource whose kind the cluster does not know, unless SkipDryRunOnMissingResource=true', async () => {
    await app('crd-missing');
    const refused = await operationEnded(fixture, 'crd-missing', await requestSync(fixture, 'crd-missing'));
    expect(refused.state.phase).toBe('Failed');
    expect(refused.state.message).toMatch(/Gadget/);
    expect(refused.state.message).toMatch(/is its CustomResourceDefinition installed/);

    await app('crd-later');
    const marker = await requestSync(fixture, 'crd-later');
    // The PreSync Job stands in for an operator that installs the CRD while the sync runs.
    await eventually(async () => expect(await exists('batch/v1', 'Job', 'installer', 'crd-later')).toBe(true), 30_000);
    await KubernetesObjectApi.makeApiClient(fixture.kubeConfig).create(gadgetCrd);
    const { state } = await operationEnded(fixture, 'crd-later', marker);
    expect([state.phase, state.message]).toEqual(['Succeeded', 'successfully synced (all tasks run)']);
    expect(resultSummary(state)).toContain('Sync:Gadget/g1:Synced:Running');
    expect(await exists('example.com/v1', 'Gadget', 'g1', 'crd-later')).toBe(true);
  });

  it('takes over client-side-applied fields when switching to ServerSideApply, unless ClientSideApplyMigration=false', async () => {
    await app('csa-migrated');
    await app('csa-kept');
    for (const name of ['csa-migrated', 'csa-kept'])
      expect((await operationEnded(fixture, name, await requestSync(fixture, name))).state.phase).toBe('Succeeded');
    const sha = await fixture.repo.commit({
      'csa-migrated/cm.yaml': twoKeys('settings', { a: '1' }),
      'csa-kept/cm.yaml': twoKeys('settings', { a: '1' }),
    });
    for (const name of ['csa-migrated', 'csa-kept'])
      await appStatus(fixture, name, (current) => expect(current.status?.sync?.revision).toBe(sha));
    const serverSide = async (name: string, syncOptions: string[]) => {
      const { state } = await operationEnded(fixture, name, await requestSync(fixture, name, { syncOptions }));
      expect(state.syncResult?.resources?.[0]?.message).toBe('configmap/settings serverside-applied');
      const live = await fixture.kubeConfig
        .makeApiClient(CoreV1Api)
        .readNamespacedConfigMap({ name: 'settings', namespace: name });
      return {
        data: live.data,
        managers: live.metadata?.managedFields?.map((entry) => `${entry.manager}/${entry.operation}`).sort(),
      };
    };
    // The client-side applier's ownership of `b` moves to argocd-controller, whose apply no longer has it.
    expect(await serverSide('csa-migrated', ['ServerSideApply=true'])).toEqual({
      data: { a: '1' },
      managers: ['argocd-controller/Apply'],
    });
    // Without the migration kubectl-client-side-apply still owns `b`: it stays.
    expect(await serverSide('csa-kept', ['ServerSideApply=true', 'ClientSideApplyMigration=false'])).toEqual({
      data: { a: '1', b: '2' },
      managers: ['argocd-controller/Apply', 'kubectl-client-side-apply/Update'],
    });
  });
});
