// The kernel's PluginHost over the real built-in health plugin: Argo CD's
// precedence — a user Lua override in argocd-cm beats every built-in rule —
// holds across plugins, with the scripts running in the sandbox.
import { join } from 'node:path';
import { bundlePlugin, type KubeObject } from '@driftless/plugin-sdk';
import { MetricsService } from '../../core/src/metrics/metrics.service';
import { PluginHost } from '../../core/src/plugins/plugin-host.service';
import { PluginMetrics } from '../../core/src/plugins/plugin-metrics.service';

const pluginsDir = join(__dirname, '..', '..', 'plugins');
const healthBuiltin = join(pluginsDir, 'health-builtin');

const childApplication: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'child', namespace: 'argocd' },
  status: { health: { status: 'Degraded', message: 'a pod crashes' } },
};
const widget: KubeObject = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w' },
  status: { ready: true },
};
const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { restartPolicy: 'Always' },
  status: { phase: 'Pending' },
};

describe('health routing with argocd-cm Lua overrides', () => {
  let host: PluginHost;

  beforeAll(async () => {
    await bundlePlugin({
      entry: join(healthBuiltin, 'src/plugin.ts'),
      outfile: join(healthBuiltin, 'dist/plugin.bundle.js'),
    });
    host = new PluginHost({ builtinsDir: pluginsDir, runners: 1 }, new PluginMetrics(new MetricsService()));
    await host.onModuleInit();
  }, 60_000);

  afterAll(async () => {
    await host.stop();
  });

  it('leaves kinds without a rule or override without health', async () => {
    expect(await host.assessHealth([childApplication, widget])).toEqual([undefined, undefined]);
  });

  it('routes objects with an override to the plugin that applies overrides, wherever their kind would go', async () => {
    const resourceOverrides = {
      'resource.customizations.health.argoproj.io_Application':
        'hs = {}\nhs.status = obj.status.health.status\nhs.message = obj.status.health.message\nreturn hs',
      'resource.customizations.health.example.com_Widget':
        'if obj.status.ready then return { status = "Healthy" } end\nreturn { status = "Progressing" }',
      'resource.customizations.health.Pod': 'return { status = "Suspended", message = "held by policy" }',
    };
    expect(await host.assessHealth([childApplication, widget, pod], { resourceOverrides })).toEqual([
      { status: 'Degraded', message: 'a pod crashes' },
      { status: 'Healthy' },
      { status: 'Suspended', message: 'held by policy' },
    ]);
  });
});
