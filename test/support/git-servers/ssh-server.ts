// A git-over-SSH server for tests: Debian's sshd, not daemonized, on a free
// loopback port with its own host key, accepting one authorized key for the
// current user. Repositories are addressed by absolute path:
// ssh://USER@127.0.0.1:PORT/abs/path/repo.git
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { closedPort } from '../ports';

const exec = promisify(execFile);

export interface SshKeyPair {
  privateKey: string;
  publicKey: string;
}

export async function generateSshKeyPair(): Promise<SshKeyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'driftless-sshkey-'));
  try {
    await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'driftless-test', '-f', join(dir, 'key')]);
    return {
      privateKey: await readFile(join(dir, 'key'), 'utf8'),
      publicKey: (await readFile(join(dir, 'key.pub'), 'utf8')).trim(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface GitSshServer {
  port: number;
  user: string;
  /** known_hosts line for this server's host key ("[127.0.0.1]:PORT ssh-ed25519 …"). */
  knownHosts: string;
  /** ssh:// URL of a repository given by absolute path. */
  urlFor(absolutePath: string): string;
  close(): Promise<void>;
}

export async function startGitSshServer(options: { authorizedKey: string }): Promise<GitSshServer> {
  const dir = await mkdtemp(join(tmpdir(), 'driftless-sshd-'));
  await mkdir('/run/sshd', { recursive: true });
  await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  await writeFile(join(dir, 'authorized_keys'), `${options.authorizedKey}\n`, { mode: 0o600 });
  const port = await closedPort();
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PermitRootLogin yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'LogLevel INFO',
  ].join('\n');
  await writeFile(join(dir, 'sshd_config'), `${config}\n`);
  const sshd: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`sshd did not start: ${log}`)), 10_000);
    sshd.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Server listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    sshd.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${String(code)}: ${log}`));
    });
  });
  sshd.stderr?.resume();
  const hostKey = (await readFile(join(dir, 'host_key.pub'), 'utf8')).trim().split(' ').slice(0, 2).join(' ');
  const user = userInfo().username;
  return {
    port,
    user,
    knownHosts: `[127.0.0.1]:${port} ${hostKey}\n`,
    urlFor: (absolutePath) => `ssh://${user}@127.0.0.1:${port}${absolutePath}`,
    close: async () => {
      sshd.removeAllListeners('exit');
      sshd.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
