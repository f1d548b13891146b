// Who owns what, end to end: an app of apps tracks its child Applications like
// any other resource while the children are reconciled in their own right;
// a manifest that appears twice in Git is a RepeatedResourceWarning; a live
// object tracked by another app is a SharedResourceWarning.
import { type KubernetesObject } from '@kubernetes/client-node';
import {
  appStatus,
  applyLive,
  createApp,
  ensureNamespaces,
  readApp,
  trackedBy,
  useControllerFixture,
  type ControllerFixture,
} from './support';

const IN_CLUSTER = 'https://kubernetes.default.svc';

const configMapYaml = (name: string, mode = 'blue') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  mode: ${mode}
`;

const configMap = (name: string, namespace: string, mode = 'blue'): KubernetesObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { mode } }) as KubernetesObject;

/** A child Application as it is written in Git, and with `namespace` as a sync of the parent creates it. */
function childApp(fixture: ControllerFixture, name: string, path: string, namespace?: string): KubernetesObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: {
      project: 'default',
      source: { repoURL: fixture.repoURL, path, targetRevision: 'main' },
      destination: { server: IN_CLUSTER, namespace: name },
    },
  } as KubernetesObject;
}

describe('application controller: app of apps, repeated and shared resources', () => {
  const fixture = useControllerFixture({
    files: {
      'simple/config.yaml': configMapYaml('settings'),
      'repeated/one.yaml': configMapYaml('twice'),
      'repeated/two.yaml': configMapYaml('twice'),
      'shared/config.yaml': configMapYaml('common'),
    },
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, 'child-a', 'child-b', 'repeated', 'shared');
      // child-a's own resources, as its sync would have created them; child-b has none yet.
      await applyLive(f.kubeConfig, [trackedBy('child-a', configMap('settings', 'child-a'))]);
    },
  });

  it('reports a parent OutOfSync until its child Applications exist, then Synced; the children reconcile themselves', async () => {
    const children = ['child-a', 'child-b'];
    await fixture.repo.commit({
      'apps/children.yaml': children.map((name) => JSON.stringify(childApp(fixture, name, 'simple'))).join('\n---\n'),
    });
    await createApp(fixture, 'root', {
      source: { repoURL: fixture.repoURL, path: 'apps', targetRevision: 'main' },
      destination: { server: IN_CLUSTER, namespace: fixture.namespace },
    });
    const waiting = await appStatus(fixture, 'root', (app) => {
      expect(app.status?.sync?.status).toBe('OutOfSync');
      expect(app.status?.resources).toHaveLength(2);
    });
    for (const name of ['child-a', 'child-b'])
      expect(waiting.status?.resources).toContainEqual({
        group: 'argoproj.io',
        version: 'v1alpha1',
        kind: 'Application',
        namespace: fixture.namespace,
        name,
        status: 'OutOfSync',
        health: { status: 'Missing' },
      });

    // The parent's "sync": the children appear in the control-plane namespace with the parent's tracking id.
    await applyLive(
      fixture.kubeConfig,
      children.map((name) => trackedBy('root', childApp(fixture, name, 'simple', fixture.namespace))),
    );
    const synced = await appStatus(fixture, 'root', (app) => {
      expect(app.status?.sync?.status).toBe('Synced');
      expect(app.status?.resources?.map((resource) => [resource.name, resource.status])).toEqual([
        ['child-a', 'Synced'],
        ['child-b', 'Synced'],
      ]);
    });
    expect(synced.status?.conditions ?? []).toEqual([]);

    // Each child has its own status, from its own source and destination.
    const childA = await appStatus(fixture, 'child-a', (app) => expect(app.status?.sync?.status).toBe('Synced'));
    expect(childA.status?.resources).toEqual([
      { version: 'v1', kind: 'ConfigMap', namespace: 'child-a', name: 'settings', status: 'Synced' },
    ]);
    const childB = await appStatus(fixture, 'child-b', (app) => expect(app.status?.sync?.status).toBe('OutOfSync'));
    expect(childB.status?.resources).toEqual([
      {
        version: 'v1',
        kind: 'ConfigMap',
        namespace: 'child-b',
        name: 'settings',
        status: 'OutOfSync',
        health: { status: 'Missing' },
      },
    ]);
    // The children's status updates are not drift of the parent.
    expect((await readApp(fixture, 'root')).status?.sync?.status).toBe('Synced');
  });

  it('reports the parent OutOfSync when someone edits a child Application', async () => {
    await applyLive(fixture.kubeConfig, [trackedBy('root', childApp(fixture, 'child-b', 'shared', fixture.namespace))]);
    const root = await appStatus(fixture, 'root', (app) => expect(app.status?.sync?.status).toBe('OutOfSync'));
    expect(root.status?.resources?.find((resource) => resource.name === 'child-b')?.status).toBe('OutOfSync');
    expect(root.status?.resources?.find((resource) => resource.name === 'child-a')?.status).toBe('Synced');
  });

  it('reports a manifest that appears twice in Git as a RepeatedResourceWarning', async () => {
    await applyLive(fixture.kubeConfig, [trackedBy('repeated', configMap('twice', 'repeated'))]);
    await createApp(fixture, 'repeated', {
      source: { repoURL: fixture.repoURL, path: 'repeated', targetRevision: 'main' },
      destination: { server: IN_CLUSTER, namespace: 'repeated' },
    });
    const app = await appStatus(fixture, 'repeated', (current) =>
      expect(current.status?.conditions).toEqual([
        expect.objectContaining({
          type: 'RepeatedResourceWarning',
          message: 'Resource /ConfigMap/repeated/twice appeared 2 times among application resources.',
        }),
      ]),
    );
    expect(app.status?.sync?.status).toBe('Synced');
    expect(app.status?.resources).toHaveLength(1);
  });

  it('reports a live object tracked by another app as a SharedResourceWarning', async () => {
    await applyLive(fixture.kubeConfig, [trackedBy('owner', configMap('common', 'shared'))]);
    const destination = { server: IN_CLUSTER, namespace: 'shared' };
    const source = { repoURL: fixture.repoURL, path: 'shared', targetRevision: 'main' };
    await createApp(fixture, 'owner', { source, destination });
    await createApp(fixture, 'intruder', { source, destination });
    const intruder = await appStatus(fixture, 'intruder', (app) =>
      expect(app.status?.conditions?.map((condition) => condition.type)).toEqual(['SharedResourceWarning']),
    );
    // Argo CD names this app by its qualified name (namespace/name) and the other by its instance name.
    expect(intruder.status?.conditions?.[0]?.message).toBe(
      `ConfigMap/common is part of applications ${fixture.namespace}/intruder and owner`,
    );
    const owner = await appStatus(fixture, 'owner', (app) => expect(app.status?.sync?.status).toBe('Synced'));
    expect(owner.status?.conditions ?? []).toEqual([]);
  });
});
