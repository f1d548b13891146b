// Bundles every built-in plugin (plugins/<name> with a `driftless` manifest)
// into the one file its manifest names, with the SDK's bundler — the same
// step a third party runs with `driftless-plugin build`. Runs before the tests
// and as part of `npm run build`, so a fresh clone loads its built-ins.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundlePlugin, DEFAULT_BUNDLE_PATH } from '@driftless/plugin-sdk';

const pluginsDir = join(__dirname, '..', 'plugins');

interface PluginPackage {
  driftless?: { bundle?: string };
}

async function main(): Promise<void> {
  const names = await readdir(pluginsDir).catch(() => [] as string[]);
  for (const name of names.sort()) {
    const dir = join(pluginsDir, name);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8').catch(() => '{}')) as PluginPackage;
    if (!manifest.driftless) continue;
    const outfile = join(dir, manifest.driftless.bundle ?? DEFAULT_BUNDLE_PATH);
    await bundlePlugin({ entry: join(dir, 'src', 'plugin.ts'), outfile });
    console.log(`bundled plugins/${name} → ${outfile.slice(dir.length + 1)}`);
  }
}

main().catch((error: unknown) => {
  console.error(`bundle-plugins: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
