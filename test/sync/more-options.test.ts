// The rest of the options and annotations, end to end: Force=true re-creates
// what the API refuses to change, PrunePropagationPolicy=orphan keeps the
// pruned object's dependents, PruneLast prunes after the last wave, Skip and
// Helm's non-install hooks are never applied while Helm's pre-install hook
// runs as PreSync, and an inactive allow window holds a manual sync unless
// it has manualSync.
import { AppsV1Api, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
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
    },
    prepare: async (f) => ensureNamespaces(f.kubeConfig, 'force', 'orphan', 'prune-last', 'hooks', 'allow'),
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
});
