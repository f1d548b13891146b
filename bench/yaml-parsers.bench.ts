// js-yaml against `yaml` inside the sandbox isolate, on real manifests: why
// the renderer plugins parse with js-yaml (comments do not matter there).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundlePlugin, PluginTestHarness, type PluginPackageJson } from '@driftless/plugin-sdk';
import { round, type BenchmarkResult } from './benchmark';

const repoRoot = join(__dirname, '..');

export default async function run(): Promise<BenchmarkResult[]> {
  const samples = {
    'application CRD, 247 KB': readFileSync(join(repoRoot, 'schema', 'crds', 'application.yaml'), 'utf8'),
    'deploy/base, 4 small files': ['driftless.yaml', 'namespace.yaml', 'rbac.yaml', 'redis.yaml']
      .map((name) => readFileSync(join(repoRoot, 'deploy', 'base', name), 'utf8'))
      .join('\n---\n'),
  };
  const harness = await PluginTestHarness.start({ size: 1 });
  const results: BenchmarkResult[] = [];
  try {
    const source = await bundlePlugin({ entry: join(__dirname, 'support', 'yaml-probe.ts') });
    // The directory plugin's manifest: the probe runs with a real renderer's grants and limits.
    const packageJson = JSON.parse(
      readFileSync(join(repoRoot, 'plugins', 'directory', 'package.json'), 'utf8'),
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
      const { fields } = outcome.logs[0] as unknown as { fields: { jsYamlMs: number; yamlMs: number } };
      results.push(
        { name: `${name}: js-yaml parse`, value: round(fields.jsYamlMs, 3), unit: 'ms' },
        { name: `${name}: yaml parse`, value: round(fields.yamlMs, 3), unit: 'ms' },
        { name: `${name}: yaml / js-yaml`, value: round(fields.yamlMs / fields.jsYamlMs, 1), unit: '×' },
      );
    }
  } finally {
    await harness.stop();
  }
  return results;
}
