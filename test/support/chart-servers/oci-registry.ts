// A real OCI registry on 127.0.0.1: Debian's docker-registry (distribution
// v2) with filesystem storage in a temp folder and optional htpasswd auth.
// Charts are pushed with `helm push --plain-http`.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashSync } from 'bcryptjs';
import { closedPort } from '../ports';
import { helm, helmEnvironment } from './build-chart';

export const dockerRegistryBinary = '/usr/bin/docker-registry';

export interface OciRegistry {
  /** host:port */
  host: string;
  push(chartArchive: string, namespace: string): Promise<void>;
  close(): Promise<void>;
}

export async function startOciRegistry(
  options: { htpasswd?: { username: string; password: string } } = {},
): Promise<OciRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'driftless-registry-'));
  const port = await closedPort();
  const auth = options.htpasswd
    ? `auth:\n  htpasswd:\n    realm: driftless-test\n    path: ${join(dir, 'htpasswd')}\n`
    : '';
  if (options.htpasswd) {
    await writeFile(join(dir, 'htpasswd'), `${options.htpasswd.username}:${hashSync(options.htpasswd.password, 4)}\n`);
  }
  await writeFile(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  );
  const child: ChildProcess = spawn(dockerRegistryBinary, ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const status = await fetch(`http://${host}/v2/`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200 || status === 401) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`docker-registry did not start on ${host}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const env = await helmEnvironment();
  if (options.htpasswd) {
    await helm(
      ['registry', 'login', host, '--username', options.htpasswd.username, '--password-stdin', '--plain-http'],
      env,
      options.htpasswd.password,
    );
  }
  return {
    host,
    push: async (chartArchive, namespace) => {
      await helm(['push', chartArchive, `oci://${host}/${namespace}`, '--plain-http'], env);
    },
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
      if (env.HOME) await rm(env.HOME, { recursive: true, force: true });
    },
  };
}
