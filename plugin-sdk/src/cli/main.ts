// `driftless-plugin`: the plugin author's tool. new → build → test → pack.
// Expected failures print one line and exit 1 (failed) or 2 (usage).
import { Command, CommanderError } from 'commander';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundlePlugin } from '../build/bundle-plugin';
import { PluginError } from '../errors';
import { DEFAULT_BUNDLE_PATH } from '../manifest/manifest';
import { pluginRef, validatePluginPackage } from '../manifest/validate-manifest';
import { readTestCases, runTestCases } from '../testing/case-runner';
import { packPlugin } from './pack-plugin';
import { ScaffoldError, scaffoldPlugin } from './scaffold';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

class TestsFailed extends Error {}

async function readPackage(dir: string) {
  const path = join(dir, 'package.json');
  const raw: unknown = JSON.parse(
    await readFile(path, 'utf8').catch(() => {
      throw new ScaffoldError(`${path} not found — run this in a plugin package (driftless-plugin new makes one)`);
    }),
  );
  return validatePluginPackage(raw, path);
}

async function build(dir: string, entry: string, io: Io): Promise<string> {
  const packageJson = await readPackage(dir);
  const outfile = join(dir, packageJson.driftless.bundle ?? DEFAULT_BUNDLE_PATH);
  const source = await bundlePlugin({ entry: join(dir, entry), outfile, minify: false });
  io.out(`built ${pluginRef(packageJson)} → ${outfile} (${source.length} bytes)\n`);
  return outfile;
}

export function buildProgram(io: Io = processIo): Command {
  const program = new Command('driftless-plugin').description('build, test and pack Driftless plugins').exitOverride();
  program
    .command('new')
    .description('scaffold a plugin package with a passing test')
    .argument('<kind>', 'extension point: health, notifier, generator, imageStrategy, renderer, source, action')
    .argument('<name>', 'package folder and service/plugin name, e.g. my-webhook')
    .option('--dir <parent>', 'where to create the package', '.')
    .option('--sdk <range>', 'version range of @driftless/plugin-sdk to depend on', '^0.1.0')
    .action(async (kind: string, name: string, options: { dir: string; sdk: string }) => {
      const dir = await scaffoldPlugin({ kind, name, parent: resolve(options.dir), sdkVersion: options.sdk });
      io.out(`created ${dir}\nnext: cd ${dir} && npm install && npm test\n`);
    });
  program
    .command('build')
    .description('bundle the plugin into the one file its manifest names')
    .argument('[dir]', 'plugin package directory', '.')
    .option('--entry <file>', 'entry file, relative to the package', 'src/index.ts')
    .action(async (dir: string, options: { entry: string }) => {
      await build(resolve(dir), options.entry, io);
    });
  program
    .command('test')
    .description('run test/cases/*.json against the plugin in the real sandbox')
    .argument('[dir]', 'plugin package directory', '.')
    .option('--entry <file>', 'entry file, relative to the package', 'src/index.ts')
    .action(async (dir: string, options: { entry: string }) => {
      const packageDir = resolve(dir);
      const packageJson = await readPackage(packageDir);
      const cases = await readTestCases(join(packageDir, 'test', 'cases'));
      if (cases.length === 0) throw new ScaffoldError(`no test cases in ${join(packageDir, 'test', 'cases')}`);
      const results = await runTestCases({ packageDir, packageJson, entry: options.entry }, cases);
      for (const result of results)
        io.out(`${result.passed ? 'ok  ' : 'FAIL'} ${result.name} (${Math.round(result.ms)} ms): ${result.detail}\n`);
      const failed = results.filter((result) => !result.passed).length;
      io.out(`${results.length - failed} passed, ${failed} failed\n`);
      if (failed > 0) throw new TestsFailed(`${failed} test case(s) failed`);
    });
  program
    .command('pack')
    .description('build, then make the npm tarball and print its sha512 integrity')
    .argument('[dir]', 'plugin package directory', '.')
    .option('--out <dir>', 'where to write the tarball', '.')
    .option('--entry <file>', 'entry file, relative to the package', 'src/index.ts')
    .action(async (dir: string, options: { out: string; entry: string }) => {
      await build(resolve(dir), options.entry, io);
      const packed = await packPlugin(resolve(dir), options.out);
      io.out(`${packed.file}\nintegrity ${packed.integrity}\n`);
    });
  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError)
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' ? 0 : 2;
    if (error instanceof ScaffoldError) return fail(io, error.message, 2);
    if (error instanceof TestsFailed || error instanceof PluginError) return fail(io, error.message, 1);
    return fail(io, error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error), 1);
  }
}

function fail(io: Io, message: string, code: number): number {
  io.err(`driftless-plugin: ${message}\n`);
  return code;
}
