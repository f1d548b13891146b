// argocd-cm resource actions run in the sandbox by builtin.lua-actions, and
// the host routes an object to it when argocd-cm defines actions for its kind.
import { join } from 'node:path';
import { bundlePlugin, PluginTestHarness, type KubeObject, type TestPlugin } from '@driftless/plugin-sdk';
import { MetricsService } from '../../core/src/metrics/metrics.service';
import { PluginHost } from '../../core/src/plugins/plugin-host.service';
import { PluginMetrics } from '../../core/src/plugins/plugin-metrics.service';

const pluginsDir = join(__dirname, '..', '..', 'plugins');
const luaActions = join(pluginsDir, 'lua-actions');

// The shapes of Argo CD's own actions: one patches the object, one creates another object.
const resourceOverrides = {
  'resource.customizations.actions.apps_Deployment': [
    'discovery.lua: |',
    '  local actions = {}',
    '  actions["restart"] = {}',
    '  actions["pause"] = {["disabled"] = obj.spec.paused == true}',
    '  return actions',
    'definitions:',
    '- name: restart',
    '  action.lua: |',
    '    if obj.spec.template.metadata.annotations == nil then obj.spec.template.metadata.annotations = {} end',
    '    obj.spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"] = "2026-11-25T00:00:00Z"',
    '    return obj',
    '- name: pause',
    '  action.lua: |',
    '    obj.spec.paused = true',
    '    return obj',
  ].join('\n'),
  'resource.customizations.actions.batch_CronJob': [
    'discovery.lua: |',
    '  return {["create-job"] = {}}',
    'definitions:',
    '- name: create-job',
    '  action.lua: |',
    '    local job = {apiVersion = "batch/v1", kind = "Job", metadata = {name = obj.metadata.name .. "-manual", namespace = obj.metadata.namespace}, spec = obj.spec.jobTemplate.spec}',
    '    return {{operation = "create", resource = job}}',
  ].join('\n'),
};

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'prod' },
  spec: {
    replicas: 2,
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
  },
};
const cronJob: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'report', namespace: 'prod' },
  spec: {
    schedule: '0 * * * *',
    jobTemplate: {
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'r', image: 'busybox' }] } } },
    },
  },
};

describe('builtin.lua-actions in the sandbox', () => {
  let harness: PluginTestHarness;
  let plugin: TestPlugin<'action'>;

  beforeAll(async () => {
    harness = await PluginTestHarness.start({ size: 1 });
    plugin = await harness.load<'action'>({ packageDir: luaActions, entry: 'src/plugin.ts' });
  }, 60_000);

  afterAll(async () => {
    await harness?.sandbox.stop();
  });

  it('lists the actions discovery.lua returns, with disabled ones marked', async () => {
    const { output } = await plugin.call('list', { object: deployment, resourceOverrides });
    expect(output.actions).toEqual([
      { name: 'pause', disabled: false },
      { name: 'restart', disabled: false },
    ]);
  });

  it('runs an action that patches the object', async () => {
    const { output } = await plugin.call('run', {
      object: deployment,
      action: 'restart',
      parameters: {},
      resourceOverrides,
    });
    expect(output.impacted).toHaveLength(1);
    expect(output.impacted[0]?.operation).toBe('patch');
    expect(output.impacted[0]?.object).toMatchObject({
      spec: {
        template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-25T00:00:00Z' } } },
      },
    });
  });

  it('runs an action that creates another object', async () => {
    const { output } = await plugin.call('run', {
      object: cronJob,
      action: 'create-job',
      parameters: {},
      resourceOverrides,
    });
    expect(output.impacted).toEqual([
      {
        operation: 'create',
        object: expect.objectContaining({
          kind: 'Job',
          metadata: { name: 'report-manual', namespace: 'prod' },
        }) as unknown,
      },
    ]);
  });

  it('fails an unknown action with the reason', async () => {
    await expect(
      plugin.call('run', { object: deployment, action: 'scale-to-zero', parameters: {}, resourceOverrides }),
    ).rejects.toThrow(/action "scale-to-zero" is not defined for apps\/Deployment/);
  });
});

describe('PluginHost resource actions', () => {
  let host: PluginHost;

  beforeAll(async () => {
    for (const name of ['lua-actions', 'health-builtin']) {
      await bundlePlugin({
        entry: join(pluginsDir, name, 'src/plugin.ts'),
        outfile: join(pluginsDir, name, 'dist/plugin.bundle.js'),
      });
    }
    host = new PluginHost({ builtinsDir: pluginsDir, runners: 1 }, new PluginMetrics(new MetricsService()));
    await host.onModuleInit();
  }, 60_000);

  afterAll(async () => {
    await host.stop();
  });

  it('offers no actions where neither argocd-cm nor a plugin defines any', async () => {
    expect(await host.listActions(deployment)).toEqual([]);
    await expect(host.runAction(deployment, 'restart', {})).rejects.toThrow(
      'no plugin offers actions for apps/Deployment',
    );
  });

  it('routes an object whose kind has argocd-cm actions to the Lua actions plugin', async () => {
    expect((await host.listActions(deployment, { resourceOverrides })).map((action) => action.name)).toEqual([
      'pause',
      'restart',
    ]);
    const impacted = await host.runAction(deployment, 'pause', {}, { resourceOverrides });
    expect(impacted).toEqual([
      {
        operation: 'patch',
        object: expect.objectContaining({ spec: expect.objectContaining({ paused: true }) as unknown }) as unknown,
      },
    ]);
  });
});
