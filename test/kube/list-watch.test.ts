// ListWatch against kube-sim when watches break: connections dropped every
// few hundred milliseconds (resume from the last resourceVersion) and a watch
// history so short that resuming fails with 410 Expired (re-list, and what
// vanished meanwhile is dropped). The handler's view must end equal to the
// server's.
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim } from '@driftless/kube-sim';
import { KubeHttp } from '../../core/src/kube/kube-http';
import { ListWatch } from '../../core/src/kube/list-watch';

interface ConfigMap {
  metadata?: { name?: string; resourceVersion?: string };
  data?: Record<string, string>;
}

describe('ListWatch', () => {
  let sim: KubeSim;
  let kubeConfig: KubeConfig;

  beforeAll(async () => {
    sim = await startKubeSim({ watchHistory: 5 });
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfigYaml());
  });
  afterAll(() => sim.stop());

  it('keeps an exact view through dropped watches and 410 Expired re-lists', async () => {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    for (let index = 0; index < 20; index += 1)
      await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: `cm-${index}` }, data: { value: '0' } },
      });
    const view = new Map<string, string>();
    let relists = 0;
    const watch = new ListWatch<ConfigMap>(
      new KubeHttp(kubeConfig),
      '/api/v1/namespaces/default/configmaps',
      {
        replace: (items) => {
          relists += 1;
          view.clear();
          for (const item of items) view.set(item.metadata?.name ?? '', item.data?.value ?? '');
        },
        event: (type, item) => {
          if (type === 'DELETED') view.delete(item.metadata?.name ?? '');
          else view.set(item.metadata?.name ?? '', item.data?.value ?? '');
        },
      },
      { pageSize: 7 },
    );
    await watch.start();
    expect(view.size).toBe(20);
    sim.clusters[0]?.faults.set({ dropWatchesAfterMs: 150 });
    try {
      for (let round = 1; round <= 30; round += 1) {
        // Bursts longer than the 5-event history, some while no watch is open.
        for (let index = 0; index < 8; index += 1)
          await core.patchNamespacedConfigMap({
            name: `cm-${4 + ((round * 3 + index) % 16)}`, // cm-1…cm-3 get deleted on the way
            namespace: 'default',
            body: [{ op: 'replace', path: '/data/value', value: String(round) }],
          });
        if (round % 10 === 0) await core.deleteNamespacedConfigMap({ name: `cm-${round / 10}`, namespace: 'default' });
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      const server = async () =>
        new Map(
          (await core.listNamespacedConfigMap({ namespace: 'default' })).items.map((item) => [
            item.metadata?.name ?? '',
            item.data?.value ?? '',
          ]),
        );
      const expected = await server();
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && JSON.stringify([...view].sort()) !== JSON.stringify([...expected].sort()))
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect([...view].sort()).toEqual([...expected].sort());
      expect(view.size).toBe(17);
      // The short history forced at least one re-list after the first.
      expect(relists).toBeGreaterThan(1);
    } finally {
      sim.clusters[0]?.faults.set({});
      watch.stop();
    }
  });
});
