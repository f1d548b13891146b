// Deleting an Application as Argo CD users do: with the resources finalizer
// (cascade) its objects go first — highest wave first, Delete=false kept,
// Delete=confirm waiting for approval — then the app; without it the app goes
// and its objects stay.
import { CoreV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import {
  appStatus,
  createApp,
  ensureNamespaces,
  eventually,
  readApp,
  useControllerFixture,
} from '../controller/support';
import { operationEnded, patchApp, recordCreations, requestSync } from './support';

const configMap = (name: string, annotations: Record<string, string> = {}) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations: ${JSON.stringify(annotations)}
data: {a: b}
`;

const files = (prefix: string) => ({
  [`${prefix}/first.yaml`]: configMap('first', { 'argocd.argoproj.io/sync-wave': '-1' }),
  [`${prefix}/last.yaml`]: configMap('last', { 'argocd.argoproj.io/sync-wave': '5' }),
  [`${prefix}/kept.yaml`]: configMap('kept', { 'argocd.argoproj.io/sync-options': 'Delete=false' }),
});

describe('sync: deleting an application', () => {
  const fixture = useControllerFixture({
    files: {
      ...files('cascade'),
      ...files('orphan'),
      'confirm/cm.yaml': configMap('confirm-me', { 'argocd.argoproj.io/sync-options': 'Delete=confirm' }),
    },
    prepare: async (f) => ensureNamespaces(f.kubeConfig, 'cascade', 'orphan', 'confirm'),
  });
  const core = () => fixture.kubeConfig.makeApiClient(CoreV1Api);
  const names = async (namespace: string) =>
    (await core().listNamespacedConfigMap({ namespace })).items
      .map((item) => item.metadata?.name)
      .filter((name) => name !== 'kube-root-ca.crt')
      .sort();
  const deployed = async (name: string, finalizers: string[]) => {
    await createApp(fixture, name, {
      source: { repoURL: fixture.repoURL, path: name, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
    });
    await operationEnded(fixture, name, await requestSync(fixture, name));
    if (finalizers.length) await patchApp(fixture, name, { metadata: { finalizers } });
  };
  const deleteApp = (name: string) =>
    KubernetesObjectApi.makeApiClient(fixture.kubeConfig).delete({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name, namespace: fixture.namespace },
    });
  const gone = (name: string) =>
    eventually(async () => {
      await expect(readApp(fixture, name)).rejects.toThrow();
    });

  it('cascades: deletes the objects highest wave first, keeps Delete=false, then lets the app go', async () => {
    await deployed('cascade', ['resources-finalizer.argocd.argoproj.io']);
    expect(await names('cascade')).toEqual(['first', 'kept', 'last']);
    const seen = recordCreations(fixture.sim, (object) => object.kind === 'ConfigMap');
    await deleteApp('cascade');
    await gone('cascade');
    seen.stop();
    expect(seen.deleted).toEqual(['ConfigMap/last', 'ConfigMap/first']);
    expect(await names('cascade')).toEqual(['kept']);
  });

  it('does not cascade without the finalizer: the objects stay', async () => {
    await deployed('orphan', []);
    await deleteApp('orphan');
    await gone('orphan');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await names('orphan')).toEqual(['first', 'kept', 'last']);
  });

  it('waits for approval of Delete=confirm objects, saying so, then deletes them', async () => {
    await deployed('confirm', ['resources-finalizer.argocd.argoproj.io/background']);
    await deleteApp('confirm');
    const waiting = await appStatus(fixture, 'confirm', (app) =>
      expect(app.status?.conditions?.find((condition) => condition.type === 'DeletionError')?.message).toMatch(
        /^Waiting for deletion confirmation of \/ConfigMap\/confirm\/confirm-me/,
      ),
    );
    expect(waiting.metadata.deletionTimestamp).toBeDefined();
    expect(await names('confirm')).toEqual(['confirm-me']);
    await patchApp(fixture, 'confirm', {
      metadata: { annotations: { 'argocd.argoproj.io/deletion-approved': new Date(Date.now() + 1000).toISOString() } },
    });
    await gone('confirm');
    expect(await names('confirm')).toEqual([]);
  });
});
