// Built-in plugins are workspace packages under plugins/<name>/ whose
// package.json carries a `driftless` manifest; they are loaded like installed
// ones (same sandbox, same limits) but granted what they request.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEFAULT_BUNDLE_PATH, PluginError, validatePluginPackage, type PluginPackageJson } from '@driftless/plugin-sdk';

export interface DiscoveredPlugin {
  dir: string;
  packageJson: PluginPackageJson;
  source: string;
}

export interface Discovery {
  plugins: DiscoveredPlugin[];
  /** One line per package that looks like a plugin but cannot be loaded. */
  problems: string[];
}

/** plugins/ at the root of the repository (or of the installed application): from core/src|dist/plugins, three up. */
export function defaultBuiltinsDir(): string {
  return resolve(__dirname, '..', '..', '..', 'plugins');
}

/**
 * Where renderers find helm and kubectl: node_modules/.cache/driftless-tools/bin
 * (scripts/ensure-tools.mjs), when present, ahead of the PATH.
 */
export function defaultToolDirs(): string[] {
  const bin = resolve(__dirname, '..', '..', '..', 'node_modules', '.cache', 'driftless-tools', 'bin');
  return existsSync(bin) ? [bin] : [];
}

export async function discoverBuiltinPlugins(pluginsDir: string): Promise<Discovery> {
  const result: Discovery = { plugins: [], problems: [] };
  let names: string[];
  try {
    names = (await readdir(pluginsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return result;
  }
  for (const name of names.sort()) {
    const dir = join(pluginsDir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    // Workspace packages without a manifest (libraries) are not plugins.
    if (typeof raw !== 'object' || raw === null || !('driftless' in raw)) continue;
    try {
      const packageJson = validatePluginPackage(raw, join(dir, 'package.json'));
      const bundle = join(dir, packageJson.driftless.bundle ?? DEFAULT_BUNDLE_PATH);
      const source = await readFile(bundle, 'utf8').catch(() => {
        throw new PluginError(
          'PLUGIN_INVALID_BUNDLE',
          `${bundle} is missing — run npm run build`,
          packageJson.driftless.id,
        );
      });
      // `npm run build` (swc) writes CommonJS modules into dist/ too; only driftless-plugin build makes a bundle.
      if (!source.includes('__driftlessPlugin')) {
        throw new PluginError(
          'PLUGIN_INVALID_BUNDLE',
          `${bundle} is not a plugin bundle (compiled module output?) — run driftless-plugin build in ${dir}`,
          packageJson.driftless.id,
        );
      }
      result.plugins.push({ dir, packageJson, source });
    } catch (error) {
      result.problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return result;
}
