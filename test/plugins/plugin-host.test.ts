// The kernel's PluginHost over built-in plugins discovered from a plugins/
// folder: registry routing with batching per plugin, conflicts, a failing
// plugin isolated to its own objects, per-plugin metrics, an installed plugin
// in a runner process of its own.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlePlugin, type KubeObject } from '@driftless/plugin-sdk';
import { MetricsService } from '../../core/src/metrics/metrics.service';
import { PluginHost } from '../../core/src/plugins/plugin-host.service';
import { PluginMetrics } from '../../core/src/plugins/plugin-metrics.service';

jest.setTimeout(60_000);

const pod = (name: string, phase: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  status: { phase },
});
const deployment = (name: string, ready: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas: 2 },
  status: { readyReplicas: ready },
});

describe('PluginHost with built-in plugins', () => {
  let builtinsDir: string;
  let metrics: MetricsService;
  let host: PluginHost;

  beforeAll(async () => {
    // A copy of the fixtures, built the way `npm run build` builds plugins/*.
    builtinsDir = await mkdtemp(join(tmpdir(), 'driftless-builtins-'));
    await cp(join(__dirname, 'fixtures/builtins'), builtinsDir, { recursive: true });
    for (const name of await readdir(builtinsDir)) {
      const entry = join(builtinsDir, name, 'src/plugin.ts');
      if (existsSync(entry)) await bundlePlugin({ entry, outfile: join(builtinsDir, name, 'dist/plugin.js') });
    }
    metrics = new MetricsService();
    host = new PluginHost({ builtinsDir, runners: 2 }, new PluginMetrics(metrics));
    await host.onModuleInit();
  });

  afterAll(async () => {
    await host.stop();
    await rm(builtinsDir, { recursive: true, force: true });
  });

  it('loads the built-ins that are plugins and reports the ones that cannot load', () => {
    expect(host.list().map((plugin) => [plugin.id, plugin.state, plugin.origin])).toEqual([
      ['builtin.apps-health', 'active', 'builtin'],
      ['builtin.crashing-health', 'active', 'builtin'],
      ['builtin.deployment-rival', 'active', 'builtin'],
      ['builtin.pod-health', 'active', 'builtin'],
    ]);
    expect(host.loadProblems()).toEqual([
      expect.stringMatching(
        /^PLUGIN_INVALID_MANIFEST: .*invalid-manifest\/package\.json is not a valid plugin package: \/driftless\/id must match pattern/,
      ),
      expect.stringMatching(
        /^PLUGIN_INVALID_BUNDLE: plugin builtin\.unbuilt: .*unbuilt\/dist\/plugin\.js is missing — run npm run build$/,
      ),
    ]);
  });

  it('reports plugins that claim the same key, and which one wins', () => {
    expect(host.conflicts()).toEqual([
      {
        extensionPoint: 'health',
        key: 'apps/*',
        winner: 'builtin.apps-health',
        shadowed: ['builtin.deployment-rival'],
        tie: true,
      },
    ]);
  });

  it('routes each object to its plugin with one batched call per plugin', async () => {
    const objects = [
      pod('a', 'Running'),
      deployment('web', 2),
      pod('b', 'Pending'),
      deployment('api', 1),
      pod('c', 'Running'),
    ];
    const results = await host.assessHealth([
      ...objects,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
    ]);
    expect(results).toEqual([
      { status: 'Healthy' },
      { status: 'Healthy' },
      { status: 'Progressing', message: 'not running yet' },
      { status: 'Progressing' },
      { status: 'Healthy' },
      undefined,
    ]);
    const exposition = await metrics.registry.metrics();
    expect(exposition).toContain(
      'driftless_plugin_calls_total{plugin="builtin.pod-health",extension_point="health",method="assess"} 1',
    );
    expect(exposition).toContain(
      'driftless_plugin_calls_total{plugin="builtin.apps-health",extension_point="health",method="assess"} 1',
    );
  });

  it('confines a failing plugin to its own objects', async () => {
    const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' } };
    const results = await host.assessHealth([job, pod('a', 'Running')]);
    expect(results[0]).toEqual({
      status: 'Unknown',
      message: expect.stringMatching(
        /^PLUGIN_CALL_FAILED: plugin builtin\.crashing-health@1\.0\.0: assess: Error: cannot judge jobs$/,
      ),
    });
    expect(results[1]).toEqual({ status: 'Healthy' });
    const exposition = await metrics.registry.metrics();
    expect(exposition).toContain(
      'driftless_plugin_errors_total{plugin="builtin.crashing-health",extension_point="health",method="assess",code="PLUGIN_CALL_FAILED"} 1',
    );
    expect(exposition).toMatch(
      /driftless_plugin_call_duration_seconds_count\{plugin="builtin\.pod-health",extension_point="health",method="assess"\} 2/,
    );
  });

  it('stops routing to a disabled plugin and refuses direct calls with PLUGIN_DISABLED', async () => {
    await host.deactivate('builtin.pod-health');
    expect(await host.assessHealth([pod('a', 'Running')])).toEqual([undefined]);
    await expect(
      host.invoke<'health', 'assess'>('builtin.pod-health', 'assess', { objects: [] }),
    ).rejects.toMatchObject({ code: 'PLUGIN_DISABLED' });
    await expect(host.invoke<'health', 'assess'>('nobody', 'assess', { objects: [] })).rejects.toMatchObject({
      code: 'PLUGIN_NOT_FOUND',
    });
  });

  it('gives an installed plugin a runner process of its own, stopped when it goes', async () => {
    const shared = host.sandbox.pool.runners().map((runner) => runner.pid);
    await host.activate({
      packageJson: {
        name: '@third-party/job-health',
        version: '1.0.0',
        driftless: {
          id: 'third-party.job-health',
          contract: '^1.0.0',
          contributes: { health: { resources: [{ group: 'batch', kind: 'Job' }] } },
        },
      },
      source: await bundlePlugin({ entry: join(__dirname, 'fixtures/control/plugin.ts') }),
      grants: {},
      origin: 'installed',
    });
    const withInstalled = host.sandbox.pool.runners();
    expect(withInstalled).toHaveLength(shared.length + 1);
    const own = withInstalled.find((runner) => !shared.includes(runner.pid));
    expect(own?.isAlive).toBe(true);
    await host.deactivate('third-party.job-health', 'removed');
    expect(host.sandbox.pool.runners().map((runner) => runner.pid)).toEqual(shared);
    expect(own?.isAlive).toBe(false);
  });

  it('loads a plugin registered lazily on its first call (as built-in notifiers are)', async () => {
    await host.activate({
      packageJson: {
        name: '@driftless/lazy-health',
        version: '1.0.0',
        driftless: {
          id: 'builtin.lazy-health',
          contract: '^1.0.0',
          contributes: { health: { resources: [{ group: 'lazy.example.com', kind: 'Thing' }] } },
        },
      },
      source: await bundlePlugin({ entry: join(__dirname, 'fixtures/control/plugin.ts') }),
      grants: {},
      origin: 'builtin',
      lazy: true,
    });
    expect(host.get('builtin.lazy-health')).toMatchObject({ state: 'active' });
    expect(host.sandbox.isLoaded('builtin.lazy-health@1.0.0')).toBe(false);
    const [first, second] = await Promise.all([
      host.invoke<'health', 'assess'>('builtin.lazy-health', 'assess', { objects: [pod('a', 'Running')] }),
      host.invoke<'health', 'assess'>('builtin.lazy-health', 'assess', { objects: [pod('b', 'Running')] }),
    ]);
    expect([first.output.results, second.output.results]).toEqual([[{ status: 'Healthy' }], [{ status: 'Healthy' }]]);
    expect(host.sandbox.isLoaded('builtin.lazy-health@1.0.0')).toBe(true);
    expect(host.get('builtin.lazy-health')?.coldStartMs).toEqual(expect.any(Number));
  });
});
