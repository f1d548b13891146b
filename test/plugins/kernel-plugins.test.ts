// The plugin host inside the running kernel: built-ins from plugins/ load
// (none may fail), the API lists plugins and conflicts, /metrics carries the
// plugin metrics.
import { CustomObjectsApi } from '@kubernetes/client-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../core/src/config/config.schema';
import { startKernel, type RunningKernel } from '../../core/src/kernel/start-kernel';
import { applyObjects, ensureNamespace } from '../../core/src/kube/ensure-resources';
import { pluginCrd } from '../../core/src/plugins/resource/plugin-crd';
import { postGraphql, setDefaultToken } from '../support/graphql';
import { startTestCluster, type TestCluster } from '../support/test-cluster';
import { initialAdminPassword, loginToken, redisUrl, startTestKernel, uniqueNamespace } from '../support/test-kernel';
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

describe('plugin host in the kernel', () => {
  let cluster: TestCluster;
  let kernel: RunningKernel;

  beforeAll(async () => {
    cluster = await startTestCluster();
    kernel = await startTestKernel({ cluster: cluster.connection, namespace: uniqueNamespace() });
  });

  afterAll(async () => {
    await kernel?.stop();
    await cluster?.stop();
  });

  it('lists plugins and conflicts over GraphQL, with every built-in active', async () => {
    const { status, body } = await postGraphql<{
      plugins: { id: string; state: string; origin: string; error: string | null }[];
      pluginConflicts: { key: string }[];
    }>(
      kernel.url,
      '{ plugins { id state origin error grantedCapabilities } pluginConflicts { extensionPoint key winner shadowed tie } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    for (const plugin of body.data?.plugins ?? [])
      expect(plugin).toMatchObject({ origin: 'builtin', state: 'active', error: null });
    expect(Array.isArray(body.data?.pluginConflicts)).toBe(true);
  });

  it('exposes per-plugin metrics', async () => {
    const text = await (await fetch(`${kernel.url}/metrics`)).text();
    expect(text).toContain('# TYPE driftless_plugin_calls_total counter');
    expect(text).toContain('# TYPE driftless_plugin_call_duration_seconds histogram');
    expect(text).toContain('driftless_plugin_runner_restarts_total 0');
  });
});

describe('plugin host in a kernel with a plugin store', () => {
  let cluster: TestCluster;
  let kernel: RunningKernel;
  let workDir: string;
  let registry: LoopbackRegistry;
  let receiver: LoopbackReceiver;
  const previousRegistry = process.env.npm_config_registry;

  beforeAll(async () => {
    cluster = await startTestCluster();
    workDir = await mkdtemp(join(tmpdir(), 'driftless-kernel-store-'));
    registry = await startLoopbackRegistry();
    receiver = await startLoopbackReceiver();
    await publishNotifier(await scaffoldNotifier(workDir), workDir, registry, receiver.host, '1.0.0', 'one');
    const namespace = uniqueNamespace();
    const { kubeConfig } = cluster.connection;
    await applyObjects(kubeConfig, [pluginCrd()]);
    await ensureNamespace(kubeConfig, namespace);
    // Declared before the kernel starts: the reconciler's first pass installs it.
    await kubeConfig.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'driftless.io',
      version: 'v1alpha1',
      namespace,
      plural: 'plugins',
      body: {
        apiVersion: 'driftless.io/v1alpha1',
        kind: 'Plugin',
        metadata: { name: notifierPluginId },
        spec: { package: notifierPackageName, grants: { http: { hosts: [receiver.host], networks: ['loopback'] } } },
      },
    });
    process.env.npm_config_registry = registry.url;
    const config = loadConfig({
      REDIS_URL: redisUrl,
      DRIFTLESS_NAMESPACE: namespace,
      DRIFTLESS_DATA_DIR: join(workDir, 'data'),
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    });
    kernel = await startKernel({
      config,
      cluster: cluster.connection,
      roles: ['server'],
      address: '127.0.0.1',
      port: 0,
    });
    const password = await initialAdminPassword(cluster.connection, namespace);
    setDefaultToken(kernel.url, await loginToken(kernel.url, 'admin', password));
  });

  afterAll(async () => {
    if (previousRegistry === undefined) delete process.env.npm_config_registry;
    else process.env.npm_config_registry = previousRegistry;
    await kernel?.stop();
    await cluster?.stop();
    await registry?.close();
    await receiver?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('installs what a Plugin resource declares and lists it over GraphQL', async () => {
    const listed = async () =>
      (
        await postGraphql<{
          plugins: { id: string; version: string; state: string; origin: string; grantedCapabilities: string[] }[];
        }>(kernel.url, '{ plugins { id version state origin grantedCapabilities } }')
      ).body.data?.plugins.find((plugin) => plugin.id === notifierPluginId);
    await waitFor(async () => (await listed())?.state === 'active', 'the kernel to install and load the plugin');
    expect(await listed()).toEqual({
      id: notifierPluginId,
      version: '1.0.0',
      state: 'active',
      origin: 'installed',
      grantedCapabilities: [`http ${receiver.host}`, 'http network loopback'],
    });
  });
});
