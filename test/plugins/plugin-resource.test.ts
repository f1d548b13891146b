// Declarative installation: a Plugin custom resource applied to the cluster
// (an embedded Kubernetes API) is installed with the grants it declares, its
// status reports the outcome, a spec change upgrades it, deleting it
// uninstalls it — and the plugin host serves what the resources declare. The
// reconciler's resync is an hour here: everything arrives through its watch.
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { load } from 'js-yaml';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyObjects, ensureNamespace } from '../../core/src/kube/ensure-resources';
import { MetricsService } from '../../core/src/metrics/metrics.service';
import { PluginInstaller } from '../../core/src/plugins/install/plugin-installer';
import { PluginStore } from '../../core/src/plugins/install/plugin-store';
import { verifyInSandbox } from '../../core/src/plugins/install/verify-bundle';
import { PluginHost } from '../../core/src/plugins/plugin-host.service';
import { PluginMetrics } from '../../core/src/plugins/plugin-metrics.service';
import { pluginCrd, type PluginResource } from '../../core/src/plugins/resource/plugin-crd';
import { PluginResourceReconciler } from '../../core/src/plugins/resource/plugin-resource-reconciler';
import { runCliInProcess } from '../support/run-cli';
import { startTestCluster, type TestCluster } from '../support/test-cluster';
import { startLoopbackReceiver, type LoopbackReceiver } from './support/loopback-receiver';
import { startLoopbackRegistry, type LoopbackRegistry } from './support/loopback-registry';
import {
  notifierPackageName,
  notifierPluginId,
  publishNotifier,
  scaffoldNotifier,
  waitFor,
} from './support/notifier-package';

jest.setTimeout(120_000);

const namespace = 'driftless-plugins-test';
const coordinates = { group: 'driftless.io', version: 'v1alpha1', namespace, plural: 'plugins' };

describe('Plugin custom resources', () => {
  let cluster: TestCluster;
  let kubeConfig: KubeConfig;
  let api: CustomObjectsApi;
  let workDir: string;
  let registry: LoopbackRegistry;
  let receiver: LoopbackReceiver;
  let host: PluginHost;
  let reconciler: PluginResourceReconciler;

  const read = async (name: string): Promise<PluginResource> =>
    (await api.getNamespacedCustomObject({ ...coordinates, name })) as PluginResource;

  const create = (name: string, spec: PluginResource['spec']) =>
    api.createNamespacedCustomObject({
      ...coordinates,
      body: { apiVersion: 'driftless.io/v1alpha1', kind: 'Plugin', metadata: { name }, spec },
    });

  beforeAll(async () => {
    cluster = await startTestCluster();
    kubeConfig = cluster.connection.kubeConfig;
    api = kubeConfig.makeApiClient(CustomObjectsApi);
    // As an admin would: driftless plugin crd | kubectl apply -f -
    const printed = await runCliInProcess(['plugin', 'crd']);
    expect(load(printed.stdout)).toEqual(pluginCrd());
    await applyObjects(kubeConfig, [load(printed.stdout) as ReturnType<typeof pluginCrd>]);
    await ensureNamespace(kubeConfig, namespace);
    workDir = await mkdtemp(join(tmpdir(), 'driftless-cr-'));
    registry = await startLoopbackRegistry();
    receiver = await startLoopbackReceiver();
    const pluginDir = await scaffoldNotifier(workDir);
    await publishNotifier(pluginDir, workDir, registry, receiver.host, '1.0.0', 'one');
    await publishNotifier(pluginDir, workDir, registry, receiver.host, '2.0.0', 'two');
    const store = new PluginStore(join(workDir, 'store'));
    host = new PluginHost({ storeDir: store.dir, runners: 1 }, new PluginMetrics(new MetricsService()));
    await host.onModuleInit();
    reconciler = new PluginResourceReconciler(kubeConfig, store, new PluginInstaller(store, verifyInSandbox), {
      namespace,
      defaultRegistry: registry.url,
      // No resync during the suite: every change below must arrive through the watch.
      resyncMs: 3_600_000,
    });
    reconciler.start();
  });

  afterAll(async () => {
    await reconciler?.stop();
    await host?.stop();
    await registry?.close();
    await receiver?.close();
    await cluster?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  const grants = () => ({ http: { hosts: [receiver.host], networks: ['loopback' as const] } });

  it('installs a Plugin resource with its grants and reports it in the status', async () => {
    await create(notifierPluginId, { package: `${notifierPackageName}@1.0.0`, grants: grants() });
    await waitFor(
      async () => (await read(notifierPluginId)).status?.phase === 'Installed',
      'the resource to be installed',
    );
    expect((await read(notifierPluginId)).status).toMatchObject({
      phase: 'Installed',
      installedVersion: '1.0.0',
      integrity: expect.stringMatching(/^sha512-/),
      requestedCapabilities: [`http ${receiver.host}`, 'http network loopback'],
      observedGeneration: 1,
    });
    await waitFor(() => host.get(notifierPluginId)?.state === 'active', 'the host to load it');
    const [delivery] = await host.deliverNotification({
      service: 'e2e-webhook',
      config: { url: `${receiver.url}/hook` },
      destination: 'ops',
      notification: { title: 'from a resource', body: 'b' },
    });
    expect(delivery?.output).toEqual({ delivered: true, detail: 'HTTP 200' });
    expect(JSON.parse(receiver.received.at(-1)?.body ?? '{}')).toMatchObject({
      title: 'from a resource',
      marker: 'one',
    });
  });

  it('upgrades when the spec changes', async () => {
    const current = await read(notifierPluginId);
    await api.replaceNamespacedCustomObject({
      ...coordinates,
      name: notifierPluginId,
      body: { ...current, spec: { ...current.spec, package: `${notifierPackageName}@2.0.0` } },
    });
    await waitFor(async () => (await read(notifierPluginId)).status?.installedVersion === '2.0.0', 'the upgrade');
    await waitFor(() => host.get(notifierPluginId)?.version === '2.0.0', 'the host to load 2.0.0');
  });

  it('fails with the named error when the grants do not cover the request, or the name is not the plugin id', async () => {
    await create('local.other-name', { package: `${notifierPackageName}@1.0.0`, grants: grants() });
    await waitFor(
      async () => (await read('local.other-name')).status?.phase === 'Failed',
      'the misnamed resource to fail',
    );
    expect((await read('local.other-name')).status?.message).toMatch(
      /^PLUGIN_INVALID_MANIFEST: .* is plugin local\.e2e-webhook, not local\.other-name/,
    );

    await api.deleteNamespacedCustomObject({ ...coordinates, name: notifierPluginId });
    await create(notifierPluginId, {
      package: `${notifierPackageName}@1.0.0`,
      grants: { http: { hosts: [receiver.host] } },
    });
    await waitFor(
      async () => (await read(notifierPluginId)).status?.phase === 'Failed',
      'the ungranted resource to fail',
    );
    expect((await read(notifierPluginId)).status?.message).toMatch(
      /^PLUGIN_GRANT_REQUIRED: .*requests http network loopback, which was not granted/,
    );
  });

  it('recovers when the grants are fixed, and uninstalls when the resource is deleted', async () => {
    const failed = await read(notifierPluginId);
    await api.replaceNamespacedCustomObject({
      ...coordinates,
      name: notifierPluginId,
      body: { ...failed, spec: { ...failed.spec, grants: grants() } },
    });
    await waitFor(
      async () => (await read(notifierPluginId)).status?.phase === 'Installed',
      'the fixed resource to install',
    );
    await waitFor(() => host.get(notifierPluginId)?.state === 'active', 'the host to load it again');

    await api.deleteNamespacedCustomObject({ ...coordinates, name: notifierPluginId });
    await waitFor(() => host.get(notifierPluginId) === undefined, 'the host to drop the plugin');
  });
});
