// Destination clusters end to end: a cluster registered by a cluster Secret is
// reconciled like the in-cluster one (by name or by server); a cluster the
// controller cannot read — a wrong token, a server that does not answer —
// becomes a ComparisonError on its apps while the apps of other clusters keep
// reconciling, and fixing the Secret recovers them.
import { closedPort } from '../support/ports';
import { CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { type KubeSim } from '@driftless/kube-sim';
import {
  appStatus,
  applyLive,
  clusterSecret,
  createApp,
  ensureNamespaces,
  kubeConfigOf,
  readApp,
  trackedBy,
  useControllerFixture,
} from './support';
import { settingsYaml } from './manifests';

const settings = (app: string, namespace: string, mode = 'blue'): KubernetesObject =>
  trackedBy(app, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace },
    data: { mode },
  } as KubernetesObject);

function comparisonError(message: string): unknown {
  return expect.arrayContaining([
    expect.objectContaining({ type: 'ComparisonError', message: expect.stringContaining(message) }),
  ]);
}

describe('application controller: destination clusters', () => {
  // Cluster 1 is the control plane (and the in-cluster destination), 2 and 3 are destinations.
  const fixture = useControllerFixture({
    clusters: 3,
    files: { 'simple/config.yaml': settingsYaml() },
    prepare: async (f) => {
      const second = kubeConfigOf(f.sim, 1);
      await ensureNamespaces(second, 'remote', 'remote-server');
      await applyLive(second, [settings('by-name', 'remote'), settings('by-server', 'remote-server')]);
      const third = kubeConfigOf(f.sim, 2);
      await ensureNamespaces(third, 'third');
      await applyLive(third, [settings('wrong-token', 'third')]);
      await ensureNamespaces(f.kubeConfig, 'offline');
      await applyLive(f.kubeConfig, [settings('offline', 'offline')]);
    },
  });
  const source = () => ({ repoURL: fixture.repoURL, path: 'simple', targetRevision: 'main' });
  const second = () => fixture.sim.clusters[1] as KubeSim['clusters'][number];
  const third = () => fixture.sim.clusters[2] as KubeSim['clusters'][number];

  async function editRemote(mode: string): Promise<void> {
    await kubeConfigOf(fixture.sim, 1)
      .makeApiClient(CoreV1Api)
      .patchNamespacedConfigMap({
        name: 'settings',
        namespace: 'remote',
        body: [{ op: 'replace', path: '/data/mode', value: mode }],
      });
  }

  it('reconciles apps of a cluster registered by a Secret, by name and by server', async () => {
    await applyLive(fixture.kubeConfig, [
      clusterSecret(
        fixture.namespace,
        'cluster-two',
        { name: 'two', server: second().server, token: second().token },
        fixture.sim,
      ),
    ]);
    await createApp(fixture, 'by-name', { source: source(), destination: { name: 'two', namespace: 'remote' } });
    await createApp(fixture, 'by-server', {
      source: source(),
      destination: { server: second().server, namespace: 'remote-server' },
    });
    for (const [name, namespace] of [
      ['by-name', 'remote'],
      ['by-server', 'remote-server'],
    ] as const) {
      const app = await appStatus(fixture, name, (current) => {
        expect(current.status?.sync?.status).toBe('Synced');
        expect(current.status?.conditions ?? []).toEqual([]);
      });
      expect(app.status?.resources).toEqual([
        { version: 'v1', kind: 'ConfigMap', namespace, name: 'settings', status: 'Synced' },
      ]);
    }
  });

  it('goes OutOfSync on a live edit in that cluster, and back', async () => {
    await editRemote('red');
    await appStatus(fixture, 'by-name', (app) => expect(app.status?.sync?.status).toBe('OutOfSync'));
    // by-server watches another namespace of the same cluster: untouched.
    expect((await readApp(fixture, 'by-server')).status?.sync?.status).toBe('Synced');
    await editRemote('blue');
    await appStatus(fixture, 'by-name', (app) => expect(app.status?.sync?.status).toBe('Synced'));
  });

  it('reports a wrong token as a ComparisonError naming the 401, keeps other clusters reconciling, and recovers when the Secret is fixed', async () => {
    await applyLive(fixture.kubeConfig, [
      clusterSecret(
        fixture.namespace,
        'cluster-three',
        { name: 'three', server: third().server, token: 'not-the-token' },
        fixture.sim,
      ),
    ]);
    await createApp(fixture, 'wrong-token', { source: source(), destination: { name: 'three', namespace: 'third' } });
    const failing = await appStatus(fixture, 'wrong-token', (app) =>
      expect(app.status?.conditions).toEqual(comparisonError('401')),
    );
    expect(failing.status?.sync?.status).toBe('Unknown');
    expect(failing.status?.conditions?.find((condition) => condition.type === 'ComparisonError')?.message).toMatch(
      /^Failed to load live state/,
    );

    // The apps of cluster 2 still follow their live state.
    await editRemote('green');
    await appStatus(fixture, 'by-name', (app) => expect(app.status?.sync?.status).toBe('OutOfSync'));
    await editRemote('blue');
    await appStatus(fixture, 'by-name', (app) => expect(app.status?.sync?.status).toBe('Synced'));

    await applyLive(fixture.kubeConfig, [
      clusterSecret(
        fixture.namespace,
        'cluster-three',
        { name: 'three', server: third().server, token: third().token },
        fixture.sim,
      ),
    ]);
    await appStatus(fixture, 'wrong-token', (app) => {
      expect(app.status?.sync?.status).toBe('Synced');
      expect(app.status?.conditions ?? []).toEqual([]);
    });
  });

  it('reports a server that does not answer as a ComparisonError, and recovers when the Secret points at a live one', async () => {
    const control = fixture.sim.clusters[0] as KubeSim['clusters'][number];
    await applyLive(fixture.kubeConfig, [
      clusterSecret(
        fixture.namespace,
        'cluster-offline',
        { name: 'offline', server: 'https://127.0.0.1:1', token: control.token },
        fixture.sim,
      ),
    ]);
    await createApp(fixture, 'offline', { source: source(), destination: { name: 'offline', namespace: 'offline' } });
    const failing = await appStatus(fixture, 'offline', (app) =>
      expect(app.status?.conditions).toEqual(comparisonError('Failed to load live state')),
    );
    expect(failing.status?.sync?.status).toBe('Unknown');

    // The control-plane cluster under its own URL (the in-cluster destination is https://kubernetes.default.svc).
    await applyLive(fixture.kubeConfig, [
      clusterSecret(
        fixture.namespace,
        'cluster-offline',
        { name: 'offline', server: control.server, token: control.token },
        fixture.sim,
      ),
    ]);
    await appStatus(fixture, 'offline', (app) => {
      expect(app.status?.sync?.status).toBe('Synced');
      expect(app.status?.conditions ?? []).toEqual([]);
    });
    expect((await readApp(fixture, 'by-name')).status?.sync?.status).toBe('Synced');
  });

  it('says which server did not answer and why', async () => {
    // Argo CD: `Failed to load live state: … Get "https://127.0.0.1:<port>/version": dial tcp …: connect: connection refused`.
    // (Port 1 would not do here: fetch refuses it as a "bad port" before connecting.)
    const port = await closedPort();
    await applyLive(fixture.kubeConfig, [
      clusterSecret(
        fixture.namespace,
        'cluster-refusing',
        { name: 'refusing', server: `https://127.0.0.1:${port}`, token: 'any' },
        fixture.sim,
      ),
    ]);
    await createApp(fixture, 'refused', { source: source(), destination: { name: 'refusing', namespace: 'offline' } });
    const app = await appStatus(fixture, 'refused', (current) =>
      expect(current.status?.conditions).toEqual(comparisonError('Failed to load live state')),
    );
    const message = app.status?.conditions?.find((condition) => condition.type === 'ComparisonError')?.message;
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).toMatch(/ECONNREFUSED|connection refused/i);
  });
});
