// Two controller replicas over three clusters: they split the clusters (shard
// Leases), never refresh the same app at the same time, and when one stops
// the other takes its clusters over and keeps their apps' status true.
import { CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { AppController, type RefreshedEvent } from '../../core/src/controller/app-controller.service';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { appStatus, applyLive, clusterSecret, createApp, kubeConfigOf, useControllerFixture } from './support';

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: blue
`;

interface Refresh extends RefreshedEvent {
  replica: string;
  endedAt: number;
}

const apps = ['c1-a', 'c1-b', 'c2-a', 'c2-b', 'c3-a', 'c3-b'];
const clusterOf = (app: string) => Number(app[1]) - 1;
const namespaceOf = (app: string) => `ns-${app}`;

describe('two controller replicas', () => {
  const fixture = useControllerFixture({
    clusters: 3,
    files: { 'app/config.yaml': configMap },
    env: { DRIFTLESS_SHARD_HEARTBEAT_MS: '300' },
    prepare: async (f) => {
      for (const index of [1, 2]) {
        const cluster = f.sim.clusters[index];
        if (!cluster) throw new Error('kube-sim started fewer clusters');
        // Argo CD's shard pins (replica index in sorted order): each replica surely gets one.
        await applyLive(f.kubeConfig, [
          clusterSecret(
            f.namespace,
            `cluster-${index}`,
            { name: cluster.name, server: cluster.server, token: cluster.token, shard: index - 1 },
            f.sim,
          ),
        ]);
      }
      for (const app of apps) {
        const kubeConfig = kubeConfigOf(f.sim, clusterOf(app));
        await kubeConfig
          .makeApiClient(CoreV1Api)
          .createNamespace({ body: { metadata: { name: namespaceOf(app) } } })
          .catch(() => undefined);
        await applyLive(kubeConfig, [liveConfigMap(app, 'blue')]);
      }
    },
  });
  const refreshes: Refresh[] = [];
  let second: RunningKernel;

  const listen = (kernel: RunningKernel, replica: string) =>
    kernel.app
      .get(AppController)
      .onRefreshed((event) => refreshes.push({ ...event, replica, endedAt: performance.now() }));

  beforeAll(async () => {
    listen(fixture.kernel, 'first');
    second = await fixture.startKernel(['controller']);
    listen(second, 'second');
    for (const app of apps)
      await createApp(fixture, app, {
        source: { repoURL: fixture.repoURL, path: 'app', targetRevision: 'main' },
        // Cluster 1 is the control plane: the in-cluster destination; the others by their Secret's name.
        destination:
          clusterOf(app) === 0
            ? { server: 'https://kubernetes.default.svc', namespace: namespaceOf(app) }
            : { name: fixture.sim.clusters[clusterOf(app)]?.name, namespace: namespaceOf(app) },
      });
  });

  it('split the clusters and bring every app to Synced, each app refreshed by one replica at a time', async () => {
    for (const app of apps)
      await appStatus(fixture, app, (current) => expect(current.status?.sync?.status).toBe('Synced'), 60_000);
    const byReplica = new Map<string, Set<string>>();
    for (const refresh of refreshes) {
      const set = byReplica.get(refresh.replica) ?? new Set<string>();
      set.add(refresh.appKey);
      byReplica.set(refresh.replica, set);
    }
    // Both replicas work (the pinned clusters go one to each) …
    expect([...byReplica.keys()].sort()).toEqual(['first', 'second']);
    // … and an app's refreshes never overlap across replicas.
    expectNoOverlap(refreshes);
  });

  it('hands the clusters of a stopped replica over to the other, which keeps their status true', async () => {
    // The second replica stops: the first also runs the repo-server, which the survivor needs.
    const owned = new Set(refreshes.filter((refresh) => refresh.replica === 'second').map((refresh) => refresh.appKey));
    expect(owned.size).toBeGreaterThan(0);
    await second.stop();
    const app = [...owned][0]?.split('/')[1] ?? '';
    await applyLive(kubeConfigOf(fixture.sim, clusterOf(app)), [liveConfigMap(app, 'red')]);
    await appStatus(fixture, app, (current) => expect(current.status?.sync?.status).toBe('OutOfSync'), 60_000);
    const after = refreshes.filter((refresh) => refresh.appKey === `${fixture.namespace}/${app}`).at(-1);
    expect(after?.replica).toBe('first');
    expectNoOverlap(refreshes);
  });

  afterAll(async () => {
    await second?.stop().catch(() => undefined);
  });
});

function liveConfigMap(app: string, mode: string): KubernetesObject {
  const namespace = namespaceOf(app);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'settings',
      namespace,
      annotations: { 'argocd.argoproj.io/tracking-id': `${app}:/ConfigMap:${namespace}/settings` },
    },
    data: { mode },
  } as KubernetesObject;
}

function expectNoOverlap(refreshes: readonly Refresh[]): void {
  const byApp = new Map<string, Refresh[]>();
  for (const refresh of refreshes) byApp.set(refresh.appKey, [...(byApp.get(refresh.appKey) ?? []), refresh]);
  for (const [, list] of byApp) {
    const intervals = list.map((refresh) => ({
      replica: refresh.replica,
      start: refresh.endedAt - refresh.seconds * 1000,
      end: refresh.endedAt,
    }));
    for (const a of intervals)
      for (const b of intervals) if (a.replica !== b.replica) expect(a.end <= b.start || b.end <= a.start).toBe(true);
  }
}
