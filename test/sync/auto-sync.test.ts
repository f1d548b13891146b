// Auto-sync end to end (kube-sim, a real git repository, the real
// controller): an app with `syncPolicy.automated` syncs itself when created
// and after every commit; prunes only with `prune`, and never wipes out every
// resource without `allowEmpty`; self-heal puts back a drifted object (a
// selective sync of that object), and without it the drift stays; a failed
// attempt is not repeated at the same revision; a deny window holds it back.
// Apps whose test needs no commit track the branch `stable`, so that the
// commits of the other tests do not move them.
import { CoreV1Api, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { type Application, type ApplicationCondition } from '@driftless/schema';
import { appStatus, createApp, ensureNamespaces, readApp, useControllerFixture } from '../controller/support';
import { commitSeen, operationAt, patchApp, recordCreations, sleep } from './support';

jest.setTimeout(120_000);

const configMap = (name: string, value = 'v1') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  value: ${value}
`;
const failingHook = `apiVersion: batch/v1
kind: Job
metadata:
  name: fail-migrate
  annotations:
    argocd.argoproj.io/hook: PreSync
    sim.driftless.dev/job-fails: "true"
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: run
          image: busybox
`;

/** How long a test watches for something that must not happen. */
const QUIET_MS = 6_000;

describe('sync: auto-sync and self-heal', () => {
  let stable = '';
  const fixture = useControllerFixture({
    files: {
      'auto/cm.yaml': configMap('auto'),
      'no-prune/a.yaml': configMap('a'),
      'no-prune/b.yaml': configMap('b'),
      'prune/a.yaml': configMap('a'),
      'prune/b.yaml': configMap('b'),
      'wipe/a.yaml': configMap('a'),
      'wipe/b.yaml': configMap('b'),
      // Git keeps no empty directory: the path stays when its manifests go.
      'wipe/README.md': 'Nothing to deploy here.\n',
      'heal/cm.yaml': configMap('healed'),
      'drift/cm.yaml': configMap('drifting'),
      'failing/hook.yaml': failingHook,
      'failing/cm.yaml': configMap('never-applied'),
      'windowed/cm.yaml': configMap('windowed'),
    },
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, 'auto', 'no-prune', 'prune', 'wipe', 'heal', 'drift', 'failing', 'windowed');
      stable = await f.repo.commit({}, { message: 'stable', branches: ['stable'] });
    },
  });
  const core = () => fixture.kubeConfig.makeApiClient(CoreV1Api);
  const app = (name: string, namespace: string, syncPolicy: Record<string, unknown>, extra = {}) =>
    createApp(fixture, name, {
      source: {
        repoURL: fixture.repoURL,
        path: name,
        targetRevision: ['auto', 'no-prune', 'prune', 'wipe'].includes(name) ? 'main' : 'stable',
      },
      destination: { server: 'https://kubernetes.default.svc', namespace },
      syncPolicy,
      ...extra,
    });
  const liveValue = (name: string, namespace: string) =>
    core()
      .readNamespacedConfigMap({ name, namespace })
      .then(
        (live) => live.data?.value,
        () => undefined,
      );
  const syncErrors = (current: Application): ApplicationCondition[] =>
    (current.status?.conditions ?? []).filter((condition) => condition.type === 'SyncError');
  const head = () => fixture.repo.commits.at(-1) as string;

  it('syncs itself when created and after each commit', async () => {
    const created = head();
    await app('auto', 'auto', { automated: {} });
    let { app: current, state } = await operationAt(fixture, 'auto', created);
    expect(state.phase).toBe('Succeeded');
    expect(state.operation.initiatedBy).toEqual({ automated: true });
    // Argo CD retries an automated sync 5 times when the app sets no retry strategy.
    expect(state.operation.retry).toEqual({ limit: 5 });
    expect(state.syncResult?.revision).toBe(created);
    expect(current.status?.history).toEqual([
      expect.objectContaining({ id: 0, revision: created, initiatedBy: { automated: true } }),
    ]);
    expect(await liveValue('auto', 'auto')).toBe('v1');
    await appStatus(fixture, 'auto', (latest) => expect(latest.status?.sync?.status).toBe('Synced'));

    const changed = await fixture.repo.commit({ 'auto/cm.yaml': configMap('auto', 'v2') });
    ({ app: current, state } = await operationAt(fixture, 'auto', changed));
    expect(state.phase).toBe('Succeeded');
    expect(state.operation.initiatedBy).toEqual({ automated: true });
    expect(current.status?.history?.map((entry) => [entry.id, entry.revision])).toEqual([
      [0, created],
      [1, changed],
    ]);
    expect(await liveValue('auto', 'auto')).toBe('v2');
    await appStatus(fixture, 'auto', (latest) => {
      expect(latest.status?.sync).toMatchObject({ status: 'Synced', revision: changed });
      expect(syncErrors(latest)).toEqual([]);
    });
  });

  it("records the app's source in history, as Argo CD does (targetRevision main, not the commit)", async () => {
    const current = await readApp(fixture, 'auto');
    expect(current.status?.history?.map((entry) => entry.source)).toEqual([current.spec.source, current.spec.source]);
  });

  it('does not sync a commit that only removes a manifest without prune', async () => {
    const created = head();
    await app('no-prune', 'no-prune', { automated: {} });
    const { state: before } = await operationAt(fixture, 'no-prune', created);
    expect(before.phase).toBe('Succeeded');
    await commitSeen(fixture, 'no-prune', { 'no-prune/b.yaml': null });
    await appStatus(fixture, 'no-prune', (current) => {
      expect(current.status?.sync?.status).toBe('OutOfSync');
      expect(current.status?.resources?.find((resource) => resource.name === 'b')).toMatchObject({
        status: 'OutOfSync',
        requiresPruning: true,
      });
    });
    await sleep(QUIET_MS);
    const after = await readApp(fixture, 'no-prune');
    expect(after.operation).toBeUndefined();
    expect(after.status?.operationState?.startedAt).toBe(before.startedAt);
    expect(after.status?.operationState?.operation.sync?.revision).toBe(created);
    expect(after.status?.history).toHaveLength(1);
    expect(after.status?.sync?.status).toBe('OutOfSync');
    expect(syncErrors(after)).toEqual([]);
    expect(await liveValue('b', 'no-prune')).toBe('v1');
  });

  it('prunes a removed manifest with prune: true', async () => {
    await app('prune', 'prune', { automated: { prune: true } });
    await operationAt(fixture, 'prune', head());
    const removed = await fixture.repo.commit({ 'prune/b.yaml': null });
    const { app: current, state } = await operationAt(fixture, 'prune', removed);
    expect(state.phase).toBe('Succeeded');
    expect(state.operation.sync?.prune).toBe(true);
    expect(state.syncResult?.resources?.find((result) => result.name === 'b')).toMatchObject({
      status: 'Pruned',
      message: 'pruned',
    });
    expect(current.status?.history).toHaveLength(2);
    expect(await liveValue('b', 'prune')).toBeUndefined();
    expect(await liveValue('a', 'prune')).toBe('v1');
    await appStatus(fixture, 'prune', (latest) => expect(latest.status?.sync?.status).toBe('Synced'));
  });

  it('refuses to wipe out every resource without allowEmpty, and prunes them all with it', async () => {
    const created = head();
    await app('wipe', 'wipe', { automated: { prune: true } });
    await operationAt(fixture, 'wipe', created);
    const emptied = await commitSeen(fixture, 'wipe', { 'wipe/a.yaml': null, 'wipe/b.yaml': null });
    const refused = await appStatus(fixture, 'wipe', (current) =>
      expect(syncErrors(current).map((condition) => condition.message)).toEqual([
        `Skipping sync attempt to ${emptied}: auto-sync will wipe out all resources`,
      ]),
    );
    expect(refused.status?.operationState?.operation.sync?.revision).toBe(created);
    expect(refused.status?.sync?.status).toBe('OutOfSync');
    expect(await liveValue('a', 'wipe')).toBe('v1');
    expect(await liveValue('b', 'wipe')).toBe('v1');

    await patchApp(fixture, 'wipe', { spec: { syncPolicy: { automated: { prune: true, allowEmpty: true } } } });
    const { state } = await operationAt(fixture, 'wipe', emptied);
    expect(state.phase).toBe('Succeeded');
    expect(state.syncResult?.resources?.map((result) => `${result.name}:${result.status}`).sort()).toEqual([
      'a:Pruned',
      'b:Pruned',
    ]);
    expect(await liveValue('a', 'wipe')).toBeUndefined();
    expect(await liveValue('b', 'wipe')).toBeUndefined();
    await appStatus(fixture, 'wipe', (current) => {
      expect(current.status?.sync?.status).toBe('Synced');
      expect(syncErrors(current)).toEqual([]);
      expect(current.status?.history).toHaveLength(2);
    });
  });

  it('self-heals a drifted object with a selective sync of that object', async () => {
    await app('heal', 'heal', { automated: { selfHeal: true } });
    const { state: first } = await operationAt(fixture, 'heal', stable);
    expect(first.phase).toBe('Succeeded');
    await appStatus(fixture, 'heal', (current) => expect(current.status?.sync?.status).toBe('Synced'));

    await core().patchNamespacedConfigMap({
      name: 'healed',
      namespace: 'heal',
      body: [{ op: 'replace', path: '/data/value', value: 'edited-by-hand' }],
    });
    const healed = await appStatus(
      fixture,
      'heal',
      (current) => {
        const state = current.status?.operationState;
        expect(state?.startedAt).not.toBe(first.startedAt);
        expect(state?.phase).toBe('Succeeded');
        expect(current.operation).toBeUndefined();
      },
      // Drift noticed, compared, healed and synced: seconds on an idle machine, longer beside the fault suites.
      45_000,
    );
    const state = healed.status?.operationState;
    expect(state?.operation.initiatedBy).toEqual({ automated: true });
    expect(state?.operation.sync?.revision).toBe(stable);
    expect(state?.operation.sync?.resources).toEqual([
      expect.objectContaining({ group: '', kind: 'ConfigMap', name: 'healed' }),
    ]);
    expect(state?.operation.sync?.autoHealAttemptsCount).toBe(1);
    expect(state?.syncResult?.resources?.map((result) => `${result.kind}/${result.name}`)).toEqual([
      'ConfigMap/healed',
    ]);
    expect(await liveValue('healed', 'heal')).toBe('v1');
    // A selective sync writes no history.
    expect(healed.status?.history).toHaveLength(1);
    await appStatus(fixture, 'heal', (current) => expect(current.status?.sync?.status).toBe('Synced'));
  });

  it('leaves the drift alone without selfHeal', async () => {
    await app('drift', 'drift', { automated: {} });
    const { state: first } = await operationAt(fixture, 'drift', stable);
    await appStatus(fixture, 'drift', (current) => expect(current.status?.sync?.status).toBe('Synced'));
    await core().patchNamespacedConfigMap({
      name: 'drifting',
      namespace: 'drift',
      body: [{ op: 'replace', path: '/data/value', value: 'edited-by-hand' }],
    });
    await appStatus(fixture, 'drift', (current) => expect(current.status?.sync?.status).toBe('OutOfSync'));
    await sleep(QUIET_MS);
    const after = await readApp(fixture, 'drift');
    expect(after.operation).toBeUndefined();
    expect(after.status?.operationState?.startedAt).toBe(first.startedAt);
    expect(after.status?.history).toHaveLength(1);
    expect(after.status?.sync?.status).toBe('OutOfSync');
    expect(await liveValue('drifting', 'drift')).toBe('edited-by-hand');
  });

  it('does not retry a failed auto-sync in a loop at the same revision', async () => {
    const jobs = recordCreations(
      fixture.sim,
      (object) => object.kind === 'Job' && object.metadata?.name === 'fail-migrate',
    );
    // One retry, inside the same operation, as the app asks.
    await app('failing', 'failing', { automated: {}, retry: { limit: 1, backoff: { duration: '1s' } } });
    const failed = await appStatus(fixture, 'failing', (current) =>
      expect(syncErrors(current).map((condition) => condition.message)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Failed last sync attempt to ${stable}: one or more synchronization tasks completed unsuccessfully`,
          ),
        ),
      ]),
    );
    const state = failed.status?.operationState;
    expect(state).toMatchObject({ phase: 'Failed', retryCount: 1, operation: { initiatedBy: { automated: true } } });
    await sleep(QUIET_MS);
    jobs.stop();
    const after = await readApp(fixture, 'failing');
    expect(after.operation).toBeUndefined();
    expect(after.status?.operationState).toEqual(state);
    expect(after.status?.history).toBeUndefined();
    expect(syncErrors(after)).toHaveLength(1);
    // The first attempt and its one retry, nothing since.
    expect(jobs.created).toEqual(['Job/fail-migrate', 'Job/fail-migrate']);
    expect(await liveValue('never-applied', 'failing')).toBeUndefined();
  });

  it('is held back by a deny sync window, and says so', async () => {
    await KubernetesObjectApi.makeApiClient(fixture.kubeConfig).create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'frozen', namespace: fixture.namespace },
      spec: {
        sourceRepos: ['*'],
        destinations: [{ server: '*', namespace: '*' }],
        syncWindows: [{ kind: 'deny', schedule: '* * * * *', duration: '1h', applications: ['*'] }],
      },
    } as KubernetesObject);
    await app('windowed', 'windowed', { automated: {} }, { project: 'frozen' });
    const held = await appStatus(fixture, 'windowed', (current) =>
      expect(syncErrors(current).map((condition) => condition.message)).toEqual([
        expect.stringMatching(/^Sync prevented by sync window/),
      ]),
    );
    expect(held.status?.sync?.status).toBe('OutOfSync');
    await sleep(2_000);
    const after = await readApp(fixture, 'windowed');
    expect(after.operation).toBeUndefined();
    expect(after.status?.operationState).toBeUndefined();
    expect(await liveValue('windowed', 'windowed')).toBeUndefined();
  });
});
