// A notifier plugin made with `driftless-plugin new`, requesting http to a
// loopback receiver, published in versions that each send their own marker.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main as sdkMain } from '../../../plugin-sdk/src/cli/main';
import { type LoopbackRegistry } from './loopback-registry';

export const notifierPackageName = 'driftless-plugin-e2e-webhook';
export const notifierPluginId = 'local.e2e-webhook';

export async function sdk(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await sdkMain(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  if (code !== 0) throw new Error(`driftless-plugin ${argv.join(' ')} failed (${code}): ${err}`);
  return out;
}

export async function scaffoldNotifier(workDir: string): Promise<string> {
  await sdk('new', 'notifier', 'e2e-webhook', '--dir', workDir);
  return join(workDir, 'e2e-webhook');
}

/** Sets version, receiver grant and marker; packs; publishes with the real npm client. Returns the tarball. */
export async function publishNotifier(
  pluginDir: string,
  workDir: string,
  registry: LoopbackRegistry,
  receiverHost: string,
  version: string,
  marker: string,
): Promise<string> {
  const manifestPath = join(pluginDir, 'package.json');
  const pkg = JSON.parse(await readFile(manifestPath, 'utf8'));
  pkg.version = version;
  pkg.driftless.capabilities = { http: { hosts: [receiverHost], networks: ['loopback'] } };
  await writeFile(manifestPath, JSON.stringify(pkg, null, 2));
  const source = await readFile(join(pluginDir, 'src/index.ts'), 'utf8');
  await writeFile(
    join(pluginDir, 'src/index.ts'),
    source.replace(
      /destination: input\.destination(, marker: '[^']*')?/,
      `destination: input.destination, marker: '${marker}'`,
    ),
  );
  const packed = await sdk('pack', pluginDir, '--out', workDir);
  const tarball = packed.trim().split('\n').at(-2) ?? '';
  const npmrc = join(workDir, '.npmrc');
  await writeFile(npmrc, `${registry.url.replace(/^http:/, '')}/:_authToken=${registry.token}\n`);
  await promisify(execFile)(
    'npm',
    ['publish', tarball, '--registry', registry.url, '--userconfig', npmrc, '--ignore-scripts'],
    {
      cwd: workDir,
    },
  );
  return tarball;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
