// argocd-cmd-params-cm controller.sync.timeout.seconds: an operation that
// runs longer is terminated (its running hooks deleted) and fails, saying why.
import { KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { applyLive, createApp, ensureNamespaces, eventually, useControllerFixture } from '../controller/support';
import { operationEnded, requestSync, resultSummary } from './support';

describe('sync: controller.sync.timeout.seconds', () => {
  const fixture = useControllerFixture({
    files: {
      'slow/wait.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: wait
  annotations: {argocd.argoproj.io/hook: PreSync, sim.driftless.dev/run-seconds: "600"}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: run, image: busybox}]
`,
    },
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, 'slow');
      await applyLive(f.kubeConfig, [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'argocd-cmd-params-cm', namespace: f.namespace },
          data: { 'controller.sync.timeout.seconds': '2' },
        } as KubernetesObject,
      ]);
    },
  });

  it('terminates an operation that runs past the timeout', async () => {
    await createApp(fixture, 'slow', {
      source: { repoURL: fixture.repoURL, path: 'slow', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'slow' },
    });
    const { state } = await operationEnded(fixture, 'slow', await requestSync(fixture, 'slow'));
    expect(state.phase).toBe('Failed');
    expect(state.message).toBe('Operation terminated: it ran longer than controller.sync.timeout.seconds (2 s)');
    expect(resultSummary(state)).toEqual(['PreSync:Job/wait:Synced:Failed']);
    const seconds = (Date.parse(state.finishedAt ?? '') - Date.parse(state.startedAt)) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(2);
    await eventually(async () =>
      expect(
        await KubernetesObjectApi.makeApiClient(fixture.kubeConfig)
          .read({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'wait', namespace: 'slow' } })
          .then(
            () => true,
            () => false,
          ),
      ).toBe(false),
    );
  });
});
