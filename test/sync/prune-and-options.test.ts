// Prune and the apply options on kube-sim: what Git no longer has is pruned
// only when asked (Prune=false and a missing `prune` are reported as
// skipped, Prune=confirm waits for the app's deletion-approved annotation),
// server-side apply and Replace write as kubectl would, CreateNamespace
// creates the destination with managedNamespaceMetadata, ApplyOutOfSyncOnly
// leaves in-sync objects alone, and a dry run changes nothing.
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { deploymentYaml } from '../controller/manifests';
import { appStatus, createApp, ensureNamespaces, useControllerFixture } from '../controller/support';
import { operationEnded, patchApp, requestSync, resultSummary } from './support';

const configMap = (name: string, annotations: Record<string, string> = {}, data = 'a') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations: ${JSON.stringify(annotations)}
data:
  value: ${data}
`;

describe('sync: prune and apply options', () => {
  const fixture = useControllerFixture({
    files: {
      'prune/keep.yaml': configMap('keep'),
      'prune/old.yaml': configMap('old'),
      'prune/protected.yaml': configMap('protected', { 'argocd.argoproj.io/sync-options': 'Prune=false' }),
      'prune/confirm.yaml': configMap('confirm', { 'argocd.argoproj.io/sync-options': 'Prune=confirm' }),
      'ssa/cm.yaml': configMap('ssa'),
      'replace/cm.yaml': configMap('replaced'),
      'created-ns/cm.yaml': configMap('inside'),
      'missing-ns/cm.yaml': configMap('nowhere'),
      'only-out-of-sync/a.yaml': configMap('a'),
      'only-out-of-sync/b.yaml': configMap('b'),
      'dry/cm.yaml': configMap('dry'),
      'respect/deploy.yaml': deploymentYaml(2, 'nginx:1.27'),
      'crd/crd.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, properties: {size: {type: integer}}}
`,
      'crd/widget.yaml': `apiVersion: example.com/v1
kind: Widget
metadata:
  name: first
spec: {size: 3}
`,
    },
    prepare: async (f) => ensureNamespaces(f.kubeConfig, 'prune', 'ssa', 'replace', 'oos', 'dry', 'respect', 'revert'),
  });
  const core = () => fixture.kubeConfig.makeApiClient(CoreV1Api);
  const app = (name: string, path: string, namespace: string, syncPolicy?: Record<string, unknown>) =>
    createApp(fixture, name, {
      source: { repoURL: fixture.repoURL, path, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace },
      ...(syncPolicy ? { syncPolicy } : {}),
    });
  const exists = (name: string, namespace: string) =>
    core()
      .readNamespacedConfigMap({ name, namespace })
      .then(
        () => true,
        () => false,
      );

  /** Commits, then waits until the app compared against the new commit (as a user syncs after seeing OutOfSync). */
  const commitSeen = async (name: string, files: Record<string, string | null>) => {
    const sha = await fixture.repo.commit(files);
    await appStatus(fixture, name, (current) => {
      expect(current.status?.sync?.revision).toBe(sha);
      expect(current.status?.sync?.status).toBe('OutOfSync');
    });
  };

  it('prunes only with prune, skips Prune=false, and waits for deletion approval with Prune=confirm', async () => {
    await app('prune', 'prune', 'prune');
    await operationEnded(fixture, 'prune', await requestSync(fixture, 'prune'));
    await commitSeen('prune', { 'prune/old.yaml': null, 'prune/protected.yaml': null, 'prune/confirm.yaml': null });

    let after = await requestSync(fixture, 'prune');
    let { state } = await operationEnded(fixture, 'prune', after);
    expect(state.phase).toBe('Succeeded');
    expect(resultSummary(state)).toEqual(
      expect.arrayContaining([
        'Sync:ConfigMap/old:PruneSkipped:Succeeded',
        'Sync:ConfigMap/protected:PruneSkipped:Succeeded',
        'Sync:ConfigMap/confirm:PruneSkipped:Succeeded',
      ]),
    );
    expect(state.syncResult?.resources?.find((result) => result.name === 'old')?.message).toBe(
      'ignored (requires pruning)',
    );
    expect(state.syncResult?.resources?.find((result) => result.name === 'protected')?.message).toBe(
      'ignored (no prune)',
    );

    after = await requestSync(fixture, 'prune', { prune: true });
    const waiting = await appStatus(fixture, 'prune', (current) =>
      expect(current.status?.operationState?.message).toBe('Waiting for pruning confirmation of ConfigMap/confirm'),
    );
    expect(waiting.status?.operationState?.phase).toBe('Running');
    expect(await exists('confirm', 'prune')).toBe(true);
    await patchApp(fixture, 'prune', {
      metadata: { annotations: { 'argocd.argoproj.io/deletion-approved': new Date(Date.now() + 1000).toISOString() } },
    });
    ({ state } = await operationEnded(fixture, 'prune', after));
    expect(state.phase).toBe('Succeeded');
    expect(await exists('old', 'prune')).toBe(false);
    expect(await exists('confirm', 'prune')).toBe(false);
    expect(await exists('protected', 'prune')).toBe(true);
    expect(await exists('keep', 'prune')).toBe(true);
    expect(state.syncResult?.resources?.find((result) => result.name === 'old')).toMatchObject({
      status: 'Pruned',
      message: 'pruned',
    });
  });

  it('applies server-side with the argocd-controller field manager, and replaces with Replace=true', async () => {
    await app('ssa', 'ssa', 'ssa', { syncOptions: ['ServerSideApply=true'] });
    let { state } = await operationEnded(fixture, 'ssa', await requestSync(fixture, 'ssa'));
    expect(state.syncResult?.resources?.[0]?.message).toBe('configmap/ssa serverside-applied');
    const live = await core().readNamespacedConfigMap({ name: 'ssa', namespace: 'ssa' });
    expect(live.metadata?.managedFields?.map((entry) => [entry.manager, entry.operation])).toEqual([
      ['argocd-controller', 'Apply'],
    ]);
    expect(live.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();

    await app('replace', 'replace', 'replace', { syncOptions: ['Replace=true'] });
    await operationEnded(fixture, 'replace', await requestSync(fixture, 'replace'));
    ({ state } = await operationEnded(fixture, 'replace', await requestSync(fixture, 'replace')));
    expect(state.syncResult?.resources?.[0]?.message).toBe('configmap/replaced replaced');
  });

  it('creates the destination namespace with its managed metadata, and fails without CreateNamespace', async () => {
    await app('created-ns', 'created-ns', 'made-by-sync', {
      syncOptions: ['CreateNamespace=true'],
      managedNamespaceMetadata: { labels: { team: 'payments' }, annotations: { owner: 'ops' } },
    });
    const { state } = await operationEnded(fixture, 'created-ns', await requestSync(fixture, 'created-ns'));
    expect(state.phase).toBe('Succeeded');
    expect(resultSummary(state)[0]).toBe('PreSync:Namespace/made-by-sync:Synced:Succeeded');
    const namespace = await core().readNamespace({ name: 'made-by-sync' });
    expect(namespace.metadata?.labels?.team).toBe('payments');
    expect(namespace.metadata?.annotations?.owner).toBe('ops');
    expect(await exists('inside', 'made-by-sync')).toBe(true);

    await app('missing-ns', 'missing-ns', 'does-not-exist');
    const failed = await operationEnded(fixture, 'missing-ns', await requestSync(fixture, 'missing-ns'));
    expect(failed.state.phase).toBe('Failed');
    expect(failed.state.message).toBe(
      'one or more synchronization tasks are not valid: namespaces "does-not-exist" not found',
    );
    expect(resultSummary(failed.state)).toEqual(['Sync:ConfigMap/nowhere:SyncFailed:Failed']);
    expect(failed.app.status?.history).toBeUndefined();
  });

  it('applies only out-of-sync resources with ApplyOutOfSyncOnly=true', async () => {
    await app('oos', 'only-out-of-sync', 'oos');
    await operationEnded(fixture, 'oos', await requestSync(fixture, 'oos'));
    await commitSeen('oos', { 'only-out-of-sync/b.yaml': configMap('b', {}, 'changed') });
    const { state } = await operationEnded(
      fixture,
      'oos',
      await requestSync(fixture, 'oos', { syncOptions: ['ApplyOutOfSyncOnly=true'] }),
    );
    expect(resultSummary(state)).toEqual(['Sync:ConfigMap/b:Synced:Running']);
    expect((await core().readNamespacedConfigMap({ name: 'b', namespace: 'oos' })).data?.value).toBe('changed');
  });

  it('keeps what ignoreDifferences names at its live value with RespectIgnoreDifferences=true', async () => {
    const deployments = fixture.kubeConfig.makeApiClient(AppsV1Api);
    const ignoreDifferences = [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }];
    for (const [name, namespace, options] of [
      ['respect', 'respect', ['RespectIgnoreDifferences=true']],
      ['revert', 'revert', []],
    ] as const) {
      await createApp(fixture, name, {
        source: { repoURL: fixture.repoURL, path: 'respect', targetRevision: 'main' },
        destination: { server: 'https://kubernetes.default.svc', namespace },
        ignoreDifferences,
        syncPolicy: { syncOptions: options },
      });
      await operationEnded(fixture, name, await requestSync(fixture, name));
      // An autoscaler scales the Deployment; Git still says 2.
      await deployments.patchNamespacedDeploymentScale(
        { name: 'web', namespace, body: { spec: { replicas: 5 } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    }
    await fixture.repo.commit({ 'respect/deploy.yaml': deploymentYaml(2, 'nginx:1.28') });
    for (const name of ['respect', 'revert']) {
      await appStatus(fixture, name, (current) =>
        expect(current.status?.sync?.revision).toBe(fixture.repo.commits.at(-1)),
      );
      await operationEnded(fixture, name, await requestSync(fixture, name));
    }
    const kept = await deployments.readNamespacedDeployment({ name: 'web', namespace: 'respect' });
    expect(kept.spec?.replicas).toBe(5);
    expect(kept.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.28');
    const reverted = await deployments.readNamespacedDeployment({ name: 'web', namespace: 'revert' });
    expect(reverted.spec?.replicas).toBe(2);
  });

  it('creates a CRD before its custom resources in one sync (the dry run of the CR waits for its CRD)', async () => {
    await ensureNamespaces(fixture.kubeConfig, 'crd');
    await app('crd', 'crd', 'crd');
    const { state } = await operationEnded(fixture, 'crd', await requestSync(fixture, 'crd'));
    expect(state.phase).toBe('Succeeded');
    expect(resultSummary(state)).toEqual([
      'Sync:CustomResourceDefinition/widgets.example.com:Synced:Running',
      'Sync:Widget/first:Synced:Running',
    ]);
    await appStatus(fixture, 'crd', (current) => expect(current.status?.sync?.status).toBe('Synced'));
  });

  it('dry-runs without changing the cluster or the history', async () => {
    await app('dry', 'dry', 'dry');
    const { state, app: dry } = await operationEnded(
      fixture,
      'dry',
      await requestSync(fixture, 'dry', { dryRun: true }),
    );
    expect(state.phase).toBe('Succeeded');
    expect(state.syncResult?.resources?.[0]?.message).toBe('configmap/dry created (server dry run)');
    expect(await exists('dry', 'dry')).toBe(false);
    expect(dry.status?.history).toBeUndefined();
  });
});
