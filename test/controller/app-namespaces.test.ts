// Applications outside the control-plane namespace (argocd-cmd-params-cm
// application.namespaces): reconciled when their project lists the namespace
// in sourceNamespaces, refused with Argo CD's condition when it does not, and
// left alone in namespaces the setting does not name. Their tracking instance
// is `<namespace>_<name>`.
import { KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { settingsYaml } from './manifests';
import { appStatus, applyLive, ensureNamespaces, readApp, useControllerFixture } from './support';

const IN_CLUSTER = 'https://kubernetes.default.svc';

describe('applications in other namespaces', () => {
  const fixture = useControllerFixture({
    files: { 'simple/config.yaml': settingsYaml() },
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, 'team-a', 'team-b', 'elsewhere', 'deploy-a');
      await applyLive(f.kubeConfig, [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'argocd-cmd-params-cm', namespace: f.namespace },
          // team-b is named by a regular expression, as Argo CD allows.
          data: { 'application.namespaces': 'team-a, /^team-[b-z]$/, elsewhere-not' },
        } as KubernetesObject,
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'AppProject',
          metadata: { name: 'team', namespace: f.namespace },
          spec: {
            sourceRepos: ['*'],
            destinations: [{ server: '*', namespace: '*' }],
            sourceNamespaces: ['team-a'],
          },
        } as KubernetesObject,
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: 'settings',
            namespace: 'deploy-a',
            annotations: { 'argocd.argoproj.io/tracking-id': 'team-a_web:/ConfigMap:deploy-a/settings' },
          },
          data: { mode: 'blue' },
        } as KubernetesObject,
      ]);
    },
  });

  const create = (namespace: string, name: string) =>
    KubernetesObjectApi.makeApiClient(fixture.kubeConfig).create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name, namespace },
      spec: {
        project: 'team',
        source: { repoURL: fixture.repoURL, path: 'simple', targetRevision: 'main' },
        destination: { server: IN_CLUSTER, namespace: 'deploy-a' },
      },
    } as KubernetesObject);

  const read = (namespace: string, name: string) => readApp({ ...fixture, namespace }, name);

  it('reconciles an app in a namespace its project allows, tracking objects as <namespace>_<name>', async () => {
    await create('team-a', 'web');
    const app = await appStatus({ ...fixture, namespace: 'team-a' }, 'web', (current) =>
      expect(current.status?.sync?.status).toBe('Synced'),
    );
    expect(app.status?.resources).toEqual([
      { version: 'v1', kind: 'ConfigMap', namespace: 'deploy-a', name: 'settings', status: 'Synced' },
    ]);
  });

  it("refuses an app whose project does not list its namespace, with Argo CD's condition", async () => {
    await create('team-b', 'web');
    const app = await appStatus({ ...fixture, namespace: 'team-b' }, 'web', (current) =>
      expect(current.status?.conditions).toEqual([
        expect.objectContaining({
          type: 'UnknownError',
          message: "application 'web' in namespace 'team-b' is not permitted to use project 'team'",
        }),
      ]),
    );
    expect(app.status?.sync?.status).toBe('Unknown');
  });

  it('leaves apps in namespaces application.namespaces does not name alone', async () => {
    await create('elsewhere', 'web');
    // The team-b app gets its status within a refresh; give this one as long, then check it has none.
    await appStatus({ ...fixture, namespace: 'team-b' }, 'web', (current) => expect(current.status).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await read('elsewhere', 'web')).status).toBeUndefined();
  });
});
