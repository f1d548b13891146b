// The built-in health plugin in the real sandbox (runner process, isolate,
// limits), as the kernel loads it: its rules give the same answers there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PluginTestHarness, type TestPlugin } from '@driftless/plugin-sdk';
import type { KubeObject } from '@driftless/plugin-sdk';

const pluginDir = join(__dirname, '..', '..', 'plugins', 'health-builtin');
const testdata = join(pluginDir, 'testdata');
const load = (kind: string, name: string) => ({
  object: parse(readFileSync(join(testdata, kind, name, 'object.yaml'), 'utf8')) as KubeObject,
  expected: parse(readFileSync(join(testdata, kind, name, 'expected.yaml'), 'utf8')) as Record<string, string>,
});

describe('builtin.health in the plugin sandbox', () => {
  let harness: PluginTestHarness;
  let plugin: TestPlugin<'health'>;

  beforeAll(async () => {
    harness = await PluginTestHarness.start({ size: 1 });
    plugin = await harness.load<'health'>({ packageDir: pluginDir, entry: 'src/plugin.ts' });
  }, 60_000);

  afterAll(async () => {
    await harness?.sandbox.stop();
  });

  it('assesses a batch of kinds with the messages of the testdata', async () => {
    const cases = [
      load('deployment', 'updating-replicas'),
      load('pod', 'crash-loop-back-off'),
      load('statefulset', 'partitioned-in-progress'),
      load('certificate', 'failed'),
      load('cronjob', 'last-run-failed'),
      load('namespace', 'active'),
      load('namespace', 'no-status'),
    ];
    const { output } = await plugin.call('assess', { objects: cases.map((item) => item.object) });
    expect(output.results).toEqual(
      cases.map(({ expected }) => {
        if (expected.health === 'none') return null;
        return expected.message ? { status: expected.status, message: expected.message } : { status: expected.status };
      }),
    );
  });

  // The override Argo CD's documentation gives for app of apps.
  const appOfAppsOverride = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil then
  if obj.status.health ~= nil then
    hs.status = obj.status.health.status
    if obj.status.health.message ~= nil then
      hs.message = obj.status.health.message
    end
  end
end
return hs`;

  const childApplication = (status?: string): KubeObject => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'child', namespace: 'argocd' },
    spec: {},
    ...(status ? { status: { health: { status, message: `child is ${status}` } } } : {}),
  });

  it('applies argocd-cm Lua overrides inside the isolate, before the built-in rules', async () => {
    const deployment = load('deployment', 'updating-replicas').object;
    const resourceOverrides = {
      'resource.customizations.health.argoproj.io_Application': appOfAppsOverride,
      'resource.customizations.health.apps_Deployment':
        'return { status = "Degraded", message = "replicas " .. obj.spec.replicas }',
    };
    const { output } = await plugin.call('assess', {
      objects: [childApplication('Healthy'), childApplication(), deployment],
      resourceOverrides,
    });
    expect(output.results).toEqual([
      { status: 'Healthy', message: 'child is Healthy' },
      { status: 'Progressing' },
      { status: 'Degraded', message: `replicas ${String((deployment.spec as { replicas: number }).replicas)}` },
    ]);
  });

  it('gives a child Application no health without an override, as Argo CD does', async () => {
    const { output } = await plugin.call('assess', { objects: [childApplication('Degraded')] });
    expect(output.results).toEqual([null]);
  });

  it('turns a runaway or failing script into Unknown with its cause, and assesses the rest of the batch', async () => {
    const namespace = load('namespace', 'active');
    const { output } = await plugin.call('assess', {
      objects: [
        childApplication('Healthy'),
        namespace.object,
        { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      ],
      resourceOverrides: {
        'resource.customizations.health.argoproj.io_Application': 'while true do end',
        'resource.customizations.health.example.com_Widget': 'os.execute("id")',
      },
    });
    const [looping, builtIn, forbidden] = output.results;
    expect(looping).toMatchObject({ status: 'Unknown' });
    expect(looping?.message).toMatch(/timeout|instructions/i);
    expect(builtIn).toEqual({
      status: namespace.expected.status,
      ...(namespace.expected.message ? { message: namespace.expected.message } : {}),
    });
    expect(forbidden).toMatchObject({ status: 'Unknown' });
    expect(forbidden?.message).toMatch(/execute/);
  });
});
