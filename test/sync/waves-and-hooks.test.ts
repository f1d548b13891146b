// The seed's contract (section 8.3): a Namespace in wave -1, a Deployment in
// wave 1, a Service in wave 2 and a PreSync migration Job that is deleted
// when it succeeds — synced on kube-sim from a real git repository, in that
// order, each wave waiting for the previous one to be healthy.
import { AppsV1Api, BatchV1Api, CoreV1Api } from '@kubernetes/client-node';
import { appStatus, createApp, metricValue, readApp, useControllerFixture } from '../controller/support';
import { operationEnded, recordCreations, requestSync, resultSummary } from './support';

const seedManifests = `apiVersion: v1
kind: Namespace
metadata:
  name: my-app
  annotations:
    argocd.argoproj.io/sync-wave: "-1"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
  annotations:
    argocd.argoproj.io/sync-wave: "1"
spec:
  replicas: 2
  selector:
    matchLabels: {app: my-app}
  template:
    metadata:
      labels: {app: my-app}
    spec:
      containers:
        - name: app
          image: my-app:v1.2.3
---
apiVersion: v1
kind: Service
metadata:
  name: my-app
  annotations:
    argocd.argoproj.io/sync-wave: "2"
spec:
  selector: {app: my-app}
  ports:
    - port: 80
---
apiVersion: batch/v1
kind: Job
metadata:
  name: db-migration
  annotations:
    argocd.argoproj.io/hook: PreSync
    argocd.argoproj.io/hook-delete-policy: HookSucceeded
spec:
  template:
    spec:
      containers:
        - name: migration
          image: my-app:v1.2.3
          command: ["./migrate", "up"]
      restartPolicy: Never
  backoffLimit: 3
`;

describe('sync: waves and hooks (the seed example)', () => {
  const fixture = useControllerFixture({ files: { 'my-app/all.yaml': seedManifests } });
  const destination = { server: 'https://kubernetes.default.svc', namespace: 'my-app' };

  it('creates the Namespace, runs the PreSync job, then waves 1 and 2 in order, deletes the succeeded hook and records history', async () => {
    await createApp(fixture, 'my-app', {
      source: { repoURL: fixture.repoURL, path: 'my-app', targetRevision: 'main' },
      destination,
    });
    await appStatus(fixture, 'my-app', (app) => expect(app.status?.sync?.status).toBe('OutOfSync'));
    const seen = recordCreations(fixture.sim, (object) =>
      ['Job', 'Namespace', 'Deployment', 'Service'].includes(object.kind ?? ''),
    );
    await requestSync(fixture, 'my-app');
    const { state, app } = await operationEnded(fixture, 'my-app');
    seen.stop();

    expect(state.phase).toBe('Succeeded');
    expect(state.message).toBe('successfully synced (all tasks run)');
    // The Namespace (wave -1) moves up to the PreSync phase: the migration Job runs in it.
    expect(seen.created).toEqual(['Namespace/my-app', 'Job/db-migration', 'Deployment/my-app', 'Service/my-app']);
    expect(seen.deleted).toContain('Job/db-migration');
    expect(resultSummary(state)).toEqual([
      'PreSync:Namespace/my-app:Synced:Succeeded',
      'PreSync:Job/db-migration:Synced:Succeeded',
      'Sync:Deployment/my-app:Synced:Succeeded',
      'Sync:Service/my-app:Synced:Running',
    ]);
    expect(state.syncResult?.revision).toBe(fixture.repo.commits.at(-1));
    expect(state.syncResult?.resources?.find((result) => result.kind === 'Deployment')?.message).toBe(
      'deployment.apps/my-app created',
    );
    expect(app.status?.history).toEqual([
      expect.objectContaining({ id: 0, revision: fixture.repo.commits.at(-1), initiatedBy: { username: 'tester' } }),
    ]);
    await expect(
      fixture.kubeConfig.makeApiClient(BatchV1Api).readNamespacedJob({ name: 'db-migration', namespace: 'my-app' }),
    ).rejects.toThrow();
    const service = await fixture.kubeConfig
      .makeApiClient(CoreV1Api)
      .readNamespacedService({ name: 'my-app', namespace: 'my-app' });
    expect(service.metadata?.annotations?.['argocd.argoproj.io/tracking-id']).toBe('my-app:/Service:my-app/my-app');
    expect(service.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toContain('"my-app"');
    await appStatus(fixture, 'my-app', (current) => {
      expect(current.status?.sync?.status).toBe('Synced');
      expect(current.status?.health?.status).toBe('Healthy');
    });
  });

  it('syncs again without changes: nothing is re-created, the hook runs again, history grows', async () => {
    const deployments = fixture.kubeConfig.makeApiClient(AppsV1Api);
    const before = await deployments.readNamespacedDeployment({ name: 'my-app', namespace: 'my-app' });
    const after = await requestSync(fixture, 'my-app');
    const { state, app } = await operationEnded(fixture, 'my-app', after);
    expect(state.phase).toBe('Succeeded');
    expect(state.syncResult?.resources?.find((result) => result.kind === 'Deployment')?.message).toBe(
      'deployment.apps/my-app unchanged',
    );
    const current = await deployments.readNamespacedDeployment({ name: 'my-app', namespace: 'my-app' });
    expect(current.metadata?.uid).toBe(before.metadata?.uid);
    expect(app.status?.history?.map((entry) => entry.id)).toEqual([0, 1]);
    expect(
      await metricValue(fixture.kernel, 'argocd_app_sync_total', {
        namespace: fixture.namespace,
        name: 'my-app',
        project: 'default',
        dest_server: 'https://kubernetes.default.svc',
        phase: 'Succeeded',
        dry_run: 'false',
      }),
    ).toBe(2);
    expect((await readApp(fixture, 'my-app')).operation).toBeUndefined();
  });
});
