// A destination cluster that throttles or fails: transient answers (429, 500)
// are retried while its cache fills; a kind it keeps failing to list makes
// its apps report a ComparisonError naming the server and the status, never a
// false "Missing"; apps of other clusters keep reconciling; it recovers when
// the cluster does.
import { type KubernetesObject } from '@kubernetes/client-node';
import { type KubeSim } from '@driftless/kube-sim';
import { settingsYaml } from './manifests';
import {
  appStatus,
  applyLive,
  clusterSecret,
  createApp,
  ensureNamespaces,
  kubeConfigOf,
  trackedBy,
  useControllerFixture,
} from './support';

const settings = (app: string, namespace: string): KubernetesObject =>
  trackedBy(app, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace },
    data: { mode: 'blue' },
  } as KubernetesObject);

function remoteCluster(sim: KubeSim): { name: string; server: string; token: string } {
  const cluster = sim.clusters[1];
  if (!cluster) throw new Error('kube-sim started one cluster');
  return { name: 'remote', server: cluster.server, token: cluster.token };
}

describe('application controller: a failing destination cluster', () => {
  const fixture = useControllerFixture({
    clusters: 2,
    files: { 'simple/config.yaml': settingsYaml() },
    prepare: async (f) => {
      const remote = kubeConfigOf(f.sim, 1);
      await ensureNamespaces(remote, 'ns-a', 'ns-b');
      await ensureNamespaces(f.kubeConfig, 'ns-local');
      await applyLive(remote, [settings('remote-a', 'ns-a'), settings('remote-b', 'ns-b')]);
      await applyLive(f.kubeConfig, [settings('local', 'ns-local')]);
      await applyLive(f.kubeConfig, [clusterSecret(f.namespace, 'cluster-remote', remoteCluster(f.sim), f.sim)]);
    },
  });
  const source = () => ({ repoURL: fixture.repoURL, path: 'simple', targetRevision: 'main' });

  it('retries a throttling cluster while filling its cache', async () => {
    const cluster = fixture.sim.clusters[1];
    cluster?.faults.set({ throttleRate: 0.4, retryAfterSeconds: 0, seed: 7 });
    await createApp(fixture, 'remote-a', { source: source(), destination: { name: 'remote', namespace: 'ns-a' } });
    await appStatus(fixture, 'remote-a', (app) => expect(app.status?.sync?.status).toBe('Synced'), 60_000);
    expect(cluster?.faults.counts.throttled).toBeGreaterThan(0);
    cluster?.faults.set({});
  });

  it('reports a kind the cluster keeps failing to list, keeps other clusters going, and recovers', async () => {
    const cluster = fixture.sim.clusters[1];
    // The cache is rebuilt when the cluster's Secret changes: a new Secret version, then the failures.
    cluster?.faults.set({ serverErrorRate: 1, pathContains: '/configmaps' });
    await applyLive(fixture.kubeConfig, [
      clusterSecret(fixture.namespace, 'cluster-remote', { ...remoteCluster(fixture.sim), shard: 0 }, fixture.sim),
    ]);
    await createApp(fixture, 'remote-b', { source: source(), destination: { name: 'remote', namespace: 'ns-b' } });
    await createApp(fixture, 'local', {
      source: source(),
      destination: { server: 'https://kubernetes.default.svc', namespace: 'ns-local' },
    });
    const failing = await appStatus(
      fixture,
      'remote-b',
      (app) =>
        expect(app.status?.conditions).toEqual([
          expect.objectContaining({
            type: 'ComparisonError',
            message: expect.stringMatching(/^Failed to load live state: .*configmaps.*500/),
          }),
        ]),
      60_000,
    );
    expect(failing.status?.sync?.status).toBe('Unknown');
    expect(failing.status?.conditions?.[0]?.message).toContain(cluster?.server ?? '');
    await appStatus(fixture, 'local', (app) => expect(app.status?.sync?.status).toBe('Synced'));
    cluster?.faults.set({});
    await appStatus(fixture, 'remote-b', (app) => expect(app.status?.sync?.status).toBe('Synced'), 60_000);
  });
});
