// Measures js-yaml and `yaml` parse speed on real CRD manifests inside the
// sandbox isolate. Run: node --conditions=driftless-source -r @swc-node/register plugins/directory/src/bench/yaml-parsers.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundlePlugin, PluginTestHarness, type PluginPackageJson } from '@driftless/plugin-sdk';

async function main(): Promise<void> {
  const crds = join(__dirname, '..', '..', '..', '..', 'schema', 'crds');
  const samples = {
    'application.yaml (247 KB CRD)': readFileSync(join(crds, 'application.yaml'), 'utf8'),
    'deploy/base (5 small files)': ['driftless.yaml', 'namespace.yaml', 'rbac.yaml', 'redis.yaml']
      .map((name) => readFileSync(join(__dirname, '..', '..', '..', '..', 'deploy', 'base', name), 'utf8'))
      .join('\n---\n'),
  };
  const harness = await PluginTestHarness.start({ size: 1 });
  try {
    const source = await bundlePlugin({ entry: join(__dirname, 'yaml-probe.ts') });
    const packageJson = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
    ) as PluginPackageJson;
    const plugin = await harness.load<'renderer'>({
      packageJson,
      source,
      limits: { cpuMsPerCall: 10_000, wallMsPerCall: 60_000, memoryMb: 256 },
    });
    for (const [name, text] of Object.entries(samples)) {
      const rounds = text.length > 100_000 ? 10 : 200;
      const outcome = await plugin.call('render', {
        path: '.',
        options: { text, rounds },
        app: {} as never,
        settings: {},
      });
      const fields = outcome.logs[0] as unknown as { fields: Record<string, number> };
      const { jsYamlMs, yamlMs } = fields.fields as { jsYamlMs: number; yamlMs: number };
      console.log(
        `${name}: js-yaml ${jsYamlMs.toFixed(2)} ms, yaml ${yamlMs.toFixed(2)} ms, ratio ${(yamlMs / jsYamlMs).toFixed(1)}×`,
      );
    }
  } finally {
    await harness.stop();
  }
}

void main();
