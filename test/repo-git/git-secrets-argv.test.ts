// Credentials never reach git's argv or the URL (argv is visible to every
// user of the machine in /proc): a `git` wrapper first on PATH records each
// invocation's arguments and the modes of the credential files it was given.
import { chmod, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCache } from '../../core/src/repo/git';
import type { RepositoryConfig } from '../../core/src/repo/credentials/repository-config';
import {
  makeRepo,
  makeTestCertificates,
  startGitHttpServer,
  type GitHttpServer,
  type TestRepo,
} from '../support/git-servers';

const password = 'canary-argv-password-3b7c';
const sshKey = '-----BEGIN OPENSSH PRIVATE KEY-----\ncanary-argv-ssh-key-line\n-----END OPENSSH PRIVATE KEY-----\n';
import { removeTestDir } from './helpers';

describe('credentials stay out of argv', () => {
  let root: string;
  let log: string;
  let server: GitHttpServer;
  let repo: TestRepo;
  const originalPath = process.env.PATH;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-git-argv-'));
    log = join(root, 'git-invocations.log');
    const bin = join(root, 'bin');
    await mkdir(bin);
    const realGit = '/usr/bin/git';
    await writeFile(
      join(bin, 'git'),
      [
        '#!/bin/sh',
        `printf 'ARGV %s\\n' "$*" >> '${log}'`,
        `for file in '${join(root, 'credentials')}'/cred-*/*; do [ -f "$file" ] && stat -c 'FILE %a %n' "$file" >> '${log}'; done`,
        `exec ${realGit} "$@"`,
      ].join('\n'),
    );
    await chmod(join(bin, 'git'), 0o755);
    repo = await makeRepo(join(root, 'repos', 'app.git'), { 'a.yaml': 'a: 1\n' });
    server = await startGitHttpServer({ reposRoot: join(root, 'repos'), basicAuth: { username: 'bot', password } });
    process.env.PATH = `${bin}:${originalPath ?? ''}`;
  });

  afterAll(async () => {
    process.env.PATH = originalPath;
    await server.close();
    await removeTestDir(root);
  });

  it('passes passwords, tokens, keys and certificates only through the environment and 0600 files', async () => {
    const certs = await makeTestCertificates();
    const credentials: RepositoryConfig = {
      url: '',
      type: 'git',
      source: 'argocd/argv',
      username: 'bot',
      password,
      sshPrivateKey: sshKey,
      tlsClientCertData: certs.clientCert,
      tlsClientCertKey: certs.clientKey,
    };
    const cache = new GitCache({
      root: join(root, 'cache'),
      allowFileUrls: false,
      credentialsDir: join(root, 'credentials'),
    });
    const access = { url: `${server.url}/app.git`, credentials, tlsCerts: { '127.0.0.1': certs.caCert } };
    const { commit } = await cache.resolveRevision(access, 'main');
    await cache.checkout(access, commit);
    await cache.objectHashes(access, commit, ['a.yaml']);
    const invocations = await readFile(log, 'utf8');
    expect(invocations).toContain('ARGV ls-remote');
    expect(invocations).toContain('ARGV fetch');
    const basic = Buffer.from(`bot:${password}`).toString('base64');
    for (const secret of [password, basic, 'canary-argv-ssh-key-line', certs.clientKey.split('\n')[1]!]) {
      expect(invocations).not.toContain(secret);
    }
    const modes = invocations.split('\n').filter((line) => line.startsWith('FILE '));
    expect(modes.length).toBeGreaterThan(0);
    for (const line of modes) expect(line).toMatch(/^FILE 600 /);
    // Gone once each command ended, and never under the cache (shared read-only with the plugin runners).
    expect(await readdir(join(root, 'credentials'))).toEqual([]);
    expect(await readdir(join(root, 'cache', 'tmp'))).toEqual([]);
    expect(repo.commits).toContain(commit);
  });
});
