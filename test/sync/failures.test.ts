// Syncs that go wrong end in a precise phase and message, with nothing
// half-applied reported as Succeeded: a manifest the API rejects (found by
// the dry run before anything is applied), a failing hook (SyncFail hooks
// run, HookFailed deletes it), a hook that never completes (terminated by
// the user), a resource owned by another app with FailOnSharedResource, a
// sync during a deny window, and retries with back-off.
import { BatchV1Api, CoreV1Api, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import {
  appStatus,
  applyLive,
  createApp,
  ensureNamespaces,
  eventually,
  useControllerFixture,
} from '../controller/support';
import { operationEnded, patchApp, requestSync, resultSummary } from './support';

const job = (name: string, hook: string, annotations: Record<string, string> = {}) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  annotations: ${JSON.stringify({ 'argocd.argoproj.io/hook': hook, ...annotations })}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: run
          image: busybox
`;
const configMap = (name: string, wave = 0) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations: {argocd.argoproj.io/sync-wave: "${wave}"}
data: {a: b}
`;

describe('sync: failures end precisely', () => {
  const fixture = useControllerFixture({
    files: {
      'rejected/first.yaml': configMap('first'),
      // A Service port must be a number: the API server refuses it (422), and the dry run finds it.
      'rejected/bad.yaml': `apiVersion: v1
kind: Service
metadata:
  name: bad
  annotations: {argocd.argoproj.io/sync-wave: "1"}
spec:
  ports:
    - port: not-a-number
`,
      'hook-fails/migrate.yaml': job('migrate', 'PreSync', {
        'argocd.argoproj.io/hook-delete-policy': 'HookFailed',
        'sim.driftless.dev/job-fails': 'true',
      }),
      'hook-fails/cleanup.yaml': job('cleanup', 'SyncFail'),
      'hook-fails/app.yaml': configMap('never-applied'),
      'slow-hook/wait.yaml': job('wait', 'PreSync', { 'sim.driftless.dev/run-seconds': '600' }),
      'slow-hook/app.yaml': configMap('after-wait'),
      'shared/cm.yaml': configMap('shared'),
      'windows/cm.yaml': configMap('windowed'),
      'retry/migrate.yaml': job('retry-migrate', 'Sync', { 'sim.driftless.dev/job-fails': 'true' }),
    },
    prepare: async (f) => ensureNamespaces(f.kubeConfig, 'rejected', 'hooks', 'slow', 'shared', 'windows', 'retry'),
  });
  const app = (name: string, path: string, namespace: string, extra: Record<string, unknown> = {}) =>
    createApp(fixture, name, {
      source: { repoURL: fixture.repoURL, path, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace },
      ...extra,
    });
  const exists = (kind: string, name: string, namespace: string) =>
    KubernetesObjectApi.makeApiClient(fixture.kubeConfig)
      .read({ apiVersion: kind === 'Job' ? 'batch/v1' : 'v1', kind, metadata: { name, namespace } })
      .then(
        () => true,
        () => false,
      );

  it('refuses a manifest the API rejects before applying anything', async () => {
    await app('rejected', 'rejected', 'rejected');
    const { state } = await operationEnded(fixture, 'rejected', await requestSync(fixture, 'rejected'));
    expect(state.phase).toBe('Failed');
    expect(state.message).toMatch(/^one or more synchronization tasks are not valid: .*port/);
    expect(resultSummary(state)).toEqual(['Sync:Service/bad:SyncFailed:Failed']);
    expect(await exists('ConfigMap', 'first', 'rejected')).toBe(false);
  });

  it('fails with the hook, runs the SyncFail hook, deletes the failed hook and applies nothing else', async () => {
    await app('hook-fails', 'hook-fails', 'hooks');
    const { state } = await operationEnded(fixture, 'hook-fails', await requestSync(fixture, 'hook-fails'));
    expect(state.phase).toBe('Failed');
    expect(state.message).toMatch(/^one or more synchronization tasks completed unsuccessfully, reason: /);
    expect(resultSummary(state)).toEqual([
      'PreSync:Job/migrate:Synced:Failed',
      'SyncFail:Job/cleanup:Synced:Succeeded',
    ]);
    expect(await exists('ConfigMap', 'never-applied', 'hooks')).toBe(false);
    await eventually(async () => expect(await exists('Job', 'migrate', 'hooks')).toBe(false));
    // BeforeHookCreation (the default) keeps a finished hook until the next sync replaces it.
    expect(await exists('Job', 'cleanup', 'hooks')).toBe(true);
  });

  it('terminates an operation whose hook never completes, deleting the running hook', async () => {
    await app('slow-hook', 'slow-hook', 'slow');
    const after = await requestSync(fixture, 'slow-hook');
    await appStatus(fixture, 'slow-hook', (current) =>
      expect(current.status?.operationState?.message).toBe('waiting for completion of hook batch/Job/wait'),
    );
    await patchApp(fixture, 'slow-hook', { status: { operationState: { phase: 'Terminating' } } });
    const { state } = await operationEnded(fixture, 'slow-hook', after);
    expect(state.phase).toBe('Failed');
    expect(state.message).toBe('Operation terminated');
    expect(resultSummary(state)).toEqual(['PreSync:Job/wait:Synced:Failed']);
    await eventually(async () => expect(await exists('Job', 'wait', 'slow')).toBe(false));
    expect(await exists('ConfigMap', 'after-wait', 'slow')).toBe(false);
  });

  it('fails on a resource another app tracks when FailOnSharedResource=true', async () => {
    await applyLive(fixture.kubeConfig, [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'shared',
          namespace: 'shared',
          annotations: { 'argocd.argoproj.io/tracking-id': 'other-app:/ConfigMap:shared/shared' },
        },
        data: { owner: 'other' },
      } as KubernetesObject,
    ]);
    await app('shared', 'shared', 'shared', { syncPolicy: { syncOptions: ['FailOnSharedResource=true'] } });
    const { state } = await operationEnded(fixture, 'shared', await requestSync(fixture, 'shared'));
    expect(state.phase).toBe('Failed');
    expect(state.message).toBe(
      'one or more synchronization tasks are not valid: ConfigMap/shared is part of another application: other-app (FailOnSharedResource=true)',
    );
    const live = await fixture.kubeConfig
      .makeApiClient(CoreV1Api)
      .readNamespacedConfigMap({ name: 'shared', namespace: 'shared' });
    expect(live.data).toEqual({ owner: 'other' });
  });

  it('holds a manual sync during a deny window and says why', async () => {
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
    await createApp(fixture, 'windowed', {
      project: 'frozen',
      source: { repoURL: fixture.repoURL, path: 'windows', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'windows' },
    });
    await requestSync(fixture, 'windowed');
    const held = await appStatus(fixture, 'windowed', (current) =>
      expect(current.status?.operationState?.message).toMatch(/^Cannot sync: Blocked by sync window/),
    );
    expect(held.status?.operationState?.phase).toBe('Running');
    expect(await exists('ConfigMap', 'windowed', 'windows')).toBe(false);
    await patchApp(fixture, 'windowed', { status: { operationState: { phase: 'Terminating' } } });
    await operationEnded(fixture, 'windowed');
  });

  it('retries a failed sync with back-off, then fails for good', async () => {
    await app('retry', 'retry', 'retry');
    const after = await requestSync(fixture, 'retry', {}, { retry: { limit: 1, backoff: { duration: '1s' } } });
    const retrying = await appStatus(fixture, 'retry', (current) =>
      expect(current.status?.operationState?.retryCount).toBe(1),
    );
    expect(retrying.status?.operationState?.message).toMatch(/Retrying attempt #1 at \d+:\d\d[AP]M\.$/);
    const { state } = await operationEnded(fixture, 'retry', after);
    expect(state.phase).toBe('Failed');
    expect(state.retryCount).toBe(1);
    const jobs = await fixture.kubeConfig.makeApiClient(BatchV1Api).listNamespacedJob({ namespace: 'retry' });
    expect(jobs.items.map((item) => item.metadata?.name)).toEqual(['retry-migrate']);
  });
});
