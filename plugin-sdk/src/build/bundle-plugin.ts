// Bundles a plugin's entry into the one script the sandbox evaluates: an IIFE
// that assigns the module's exports to `__driftlessPlugin`, with
// @driftless/plugin-sdk resolved to its sandbox-safe runtime part.
import { build, type Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface BundleOptions {
  entry: string;
  /** Written when given; the source is returned either way. */
  outfile?: string;
  minify?: boolean;
}

function runtimeEntry(): string {
  const compiled = join(__dirname, '..', 'runtime.js');
  return existsSync(compiled) ? compiled : join(__dirname, '..', 'runtime.ts');
}

const sdkRuntime: Plugin = {
  name: 'driftless-plugin-sdk-runtime',
  setup(builder) {
    builder.onResolve({ filter: /^@driftless\/plugin-sdk$/ }, () => ({ path: runtimeEntry() }));
  },
};

export async function bundlePlugin(options: BundleOptions): Promise<string> {
  const result = await build({
    entryPoints: [options.entry],
    bundle: true,
    format: 'iife',
    globalName: '__driftlessPlugin',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2023',
    minify: options.minify ?? false,
    sourcemap: false,
    write: false,
    logLevel: 'silent',
    plugins: [sdkRuntime],
    // The isolate has no Node: a library's Node-only branches may reference
    // process.env or Node modules without running them. process.env reads as
    // empty, and Node modules stay unresolved (a plugin that really calls one
    // fails at load, with the require error).
    define: { 'process.env': '{}' },
    external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
    banner: { js: '// Built by driftless-plugin; evaluated in a Driftless sandbox isolate.' },
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild produced no output for ${options.entry}`);
  if (options.outfile) {
    await mkdir(dirname(options.outfile), { recursive: true });
    await writeFile(options.outfile, file.text);
  }
  return file.text;
}
