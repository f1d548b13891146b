// A change to a tracked object's status alone (the API server's controllers
// write status all the time) re-assesses health without comparing the app
// again; a spec change compares. Seen through the kernel's metrics, with the
// periodic resync off (timeout.reconciliation: 0) so nothing else refreshes.
import { AppsV1Api, CoreV1Api, type KubernetesObject } from '@kubernetes/client-node';
import {
  appStatus,
  applyLive,
  createApp,
  ensureNamespaces,
  eventually,
  metricValue,
  trackedBy,
  useControllerFixture,
  type ControllerFixture,
} from './support';
import { deploymentYaml } from './manifests';

const deployment = trackedBy('web', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'web', image: 'nginx:1.27', resources: { limits: { cpu: '1', memory: '1024Mi' } } }],
      },
    },
  },
} as KubernetesObject);

interface Counters {
  compared: number;
  health: number;
  statusChanges: number;
  specChanges: number;
}

async function counters(fixture: ControllerFixture): Promise<Counters> {
  const { kernel } = fixture;
  return {
    compared: await metricValue(kernel, 'driftless_app_refresh_total', { work: 'compared' }),
    health: await metricValue(kernel, 'driftless_app_refresh_total', { work: 'health' }),
    statusChanges: await metricValue(kernel, 'driftless_live_changes_total', { change: 'status' }),
    specChanges: await metricValue(kernel, 'driftless_live_changes_total', { change: 'spec' }),
  };
}

/** The counters once nothing has moved for `quietMs` (the rollout's last status updates are in). */
async function settled(fixture: ControllerFixture, quietMs = 2000): Promise<Counters> {
  let last = await counters(fixture);
  let since = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await counters(fixture);
    if (JSON.stringify(now) !== JSON.stringify(last)) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return now;
  }
}

describe('application controller: status-only updates', () => {
  const fixture = useControllerFixture({
    argocdCm: { 'timeout.reconciliation': '0' },
    files: { 'web/deployment.yaml': deploymentYaml() },
    prepare: async (f) => {
      await ensureNamespaces(f.kubeConfig, 'web');
      await applyLive(f.kubeConfig, [deployment]);
    },
  });
  const apps = () => fixture.kubeConfig.makeApiClient(AppsV1Api);

  beforeAll(async () => {
    await createApp(fixture, 'web', {
      source: { repoURL: fixture.repoURL, path: 'web', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
    });
    await appStatus(fixture, 'web', (app) => {
      expect(app.status?.sync?.status).toBe('Synced');
      expect(app.status?.health?.status).toBe('Healthy');
    });
  });

  it('re-assesses health without comparing when only the status subresource changes', async () => {
    const before = await settled(fixture);
    await apps().patchNamespacedDeploymentStatus({
      name: 'web',
      namespace: 'web',
      body: [{ op: 'add', path: '/status/collisionCount', value: 1 }],
    });
    const after = await eventually(async () => {
      const current = await counters(fixture);
      expect(current.statusChanges).toBeGreaterThan(before.statusChanges);
      expect(current.health).toBeGreaterThan(before.health);
      return current;
    });
    expect(after.compared).toBe(before.compared);
    expect(after.specChanges).toBe(before.specChanges);
    // Nothing compares later either (a refresh after the debounce, or one the status patch triggered).
    const later = await settled(fixture);
    expect(later.compared).toBe(before.compared);
    const app = await appStatus(fixture, 'web', (current) => expect(current.status?.sync?.status).toBe('Synced'));
    expect(app.status?.health?.status).toBe('Healthy');
  });

  it('does not compare while kube-sim replaces a pod and the Deployment status follows', async () => {
    const before = await settled(fixture);
    const core = fixture.kubeConfig.makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({ namespace: 'web', labelSelector: 'app=web' });
    const victim = pods.items[0]?.metadata?.name ?? '';
    expect(victim).not.toBe('');
    await core.deleteNamespacedPod({ name: victim, namespace: 'web' });
    await eventually(async () => expect((await counters(fixture)).statusChanges).toBeGreaterThan(before.statusChanges));
    const after = await settled(fixture);
    expect(after.compared).toBe(before.compared);
    expect(after.specChanges).toBe(before.specChanges);
    const app = await appStatus(fixture, 'web', (current) => expect(current.status?.health?.status).toBe('Healthy'));
    expect(app.status?.sync?.status).toBe('Synced');
  });

  it('compares again when the spec changes', async () => {
    const before = await settled(fixture);
    await apps().patchNamespacedDeployment({
      name: 'web',
      namespace: 'web',
      body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
    });
    await appStatus(fixture, 'web', (app) => expect(app.status?.sync?.status).toBe('OutOfSync'));
    const after = await counters(fixture);
    expect(after.specChanges).toBeGreaterThan(before.specChanges);
    expect(after.compared).toBeGreaterThan(before.compared);
  });
});
