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
});
