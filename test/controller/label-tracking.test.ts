// Label tracking (argocd-cm application.resourceTrackingMethod: label): live
// objects belong to the app named by their app.kubernetes.io/instance label;
// the tracking-id annotation means nothing; an object removed from Git that is
// still live with the label must be pruned.
import { type KubernetesObject } from '@kubernetes/client-node';
import { appStatus, applyLive, createApp, ensureNamespaces, trackedBy, useControllerFixture } from './support';

const INSTANCE_LABEL = 'app.kubernetes.io/instance';

const configMapYaml = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  mode: blue
`;

const labelled = (app: string, name: string, namespace: string): KubernetesObject =>
  ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: { [INSTANCE_LABEL]: app } },
    data: { mode: 'blue' },
  }) as KubernetesObject;

describe('application controller: label tracking', () => {
  const fixture = useControllerFixture({
    argocdCm: { 'application.resourceTrackingMethod': 'label' },
    files: { 'labelled/settings.yaml': configMapYaml('settings'), 'labelled/extra.yaml': configMapYaml('extra') },
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, 'labelled');
      await applyLive(f.kubeConfig, [
        labelled('labelled', 'settings', 'labelled'),
        labelled('labelled', 'extra', 'labelled'),
        // With label tracking an annotation alone does not make an object the app's.
        trackedBy('labelled', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'annotated-only', namespace: 'labelled' },
          data: {},
        } as KubernetesObject),
      ]);
    },
  });

  it('tracks live objects by the instance label', async () => {
    await createApp(fixture, 'labelled', {
      source: { repoURL: fixture.repoURL, path: 'labelled', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'labelled' },
    });
    const app = await appStatus(fixture, 'labelled', (current) => expect(current.status?.sync?.status).toBe('Synced'));
    expect(app.status?.resources).toEqual([
      { version: 'v1', kind: 'ConfigMap', namespace: 'labelled', name: 'extra', status: 'Synced' },
      { version: 'v1', kind: 'ConfigMap', namespace: 'labelled', name: 'settings', status: 'Synced' },
    ]);
    expect(app.status?.conditions ?? []).toEqual([]);
  });

  it('reports a labelled live object that left Git as OutOfSync and requiring pruning', async () => {
    const commit = await fixture.repo.commit({ 'labelled/extra.yaml': null });
    const app = await appStatus(fixture, 'labelled', (current) => {
      expect(current.status?.sync?.revision).toBe(commit);
      expect(current.status?.sync?.status).toBe('OutOfSync');
    });
    expect(app.status?.resources).toEqual([
      {
        version: 'v1',
        kind: 'ConfigMap',
        namespace: 'labelled',
        name: 'extra',
        status: 'OutOfSync',
        requiresPruning: true,
      },
      { version: 'v1', kind: 'ConfigMap', namespace: 'labelled', name: 'settings', status: 'Synced' },
    ]);
  });

  it('stops tracking an object whose label is removed', async () => {
    await applyLive(fixture.kubeConfig, [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'extra', namespace: 'labelled' },
        data: { mode: 'blue' },
      } as KubernetesObject,
    ]);
    const app = await appStatus(fixture, 'labelled', (current) => expect(current.status?.sync?.status).toBe('Synced'));
    expect(app.status?.resources?.map((resource) => resource.name)).toEqual(['settings']);
  });
});
