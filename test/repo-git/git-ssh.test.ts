// The Git transport over SSH against a real sshd: a private key with
// known_hosts, a host key that does not match, insecure mode, a wrong key.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCache } from '../../core/src/repo/git';
import type { RepositoryConfig } from '../../core/src/repo/credentials/repository-config';
import {
  generateSshKeyPair,
  makeRepo,
  startGitSshServer,
  type GitSshServer,
  type SshKeyPair,
  type TestRepo,
} from '../support/git-servers';
import { caught, visibleText, removeTestDir } from './helpers';

function sshCredentials(sshPrivateKey: string, insecure = false): RepositoryConfig {
  return { url: '', type: 'git', source: 'argocd/ssh', sshPrivateKey, ...(insecure ? { insecure } : {}) };
}

describe('GitCache over SSH', () => {
  let root: string;
  let server: GitSshServer;
  let key: SshKeyPair;
  let otherKey: SshKeyPair;
  let repo: TestRepo;
  let cache: GitCache;
  let url: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-git-ssh-'));
    [key, otherKey] = await Promise.all([generateSshKeyPair(), generateSshKeyPair()]);
    repo = await makeRepo(join(root, 'repos', 'app.git'), { 'app/config.yaml': 'over: ssh\n' }, { tags: ['v0.3.0'] });
    server = await startGitSshServer({ authorizedKey: key.publicKey });
    cache = new GitCache({ root: join(root, 'cache'), allowFileUrls: false, timeoutMs: 20_000 });
    url = server.urlFor(repo.dir);
  });

  afterAll(async () => {
    await server.close();
    await removeTestDir(root);
  });

  it('fetches with a private key and a known host key', async () => {
    const access = { url, credentials: sshCredentials(key.privateKey), knownHosts: server.knownHosts };
    const resolved = await cache.resolveRevision(access, '0.3.x');
    expect(resolved).toEqual({ commit: repo.commits[0], ref: 'refs/tags/v0.3.0' });
    const checkout = await cache.checkout(access, resolved.commit);
    expect(await readFile(join(checkout.dir, 'app/config.yaml'), 'utf8')).toBe('over: ssh\n');
  });

  it('refuses a host whose key is not the known one', async () => {
    const wrongHostKey = server.knownHosts.replace(
      /ssh-ed25519 \S+/,
      otherKey.publicKey.split(' ').slice(0, 2).join(' '),
    );
    const error = await caught(
      cache.resolveRevision({ url, credentials: sshCredentials(key.privateKey), knownHosts: wrongHostKey }, 'main'),
    );
    expect(error.code).toBe('HOST_KEY_MISMATCH');
    expect(error.message).toContain('127.0.0.1');
    expect(error.message).toContain('argocd-ssh-known-hosts-cm');
  });

  it('refuses an unknown host without known_hosts', async () => {
    const error = await caught(cache.resolveRevision({ url, credentials: sshCredentials(key.privateKey) }, 'main'));
    expect(error.code).toBe('HOST_KEY_MISMATCH');
  });

  it('accepts any host key when the repository is insecure', async () => {
    const access = { url, credentials: sshCredentials(key.privateKey, true) };
    await expect(cache.resolveRevision(access, 'main')).resolves.toEqual({
      commit: repo.commits[0],
      ref: 'refs/heads/main',
    });
  });

  it('answers AUTH_FAILED for a key the server does not accept, without showing the key', async () => {
    const error = await caught(
      cache.resolveRevision(
        { url, credentials: sshCredentials(otherKey.privateKey), knownHosts: server.knownHosts },
        'main',
      ),
    );
    expect(error.code).toBe('AUTH_FAILED');
    const text = visibleText(error);
    for (const line of otherKey.privateKey.split('\n').filter((line) => line.length > 20))
      expect(text).not.toContain(line);
  });

  it('answers AUTH_FAILED without a key and never prompts', async () => {
    const error = await caught(cache.resolveRevision({ url, knownHosts: server.knownHosts }, 'main'));
    expect(error.code).toBe('AUTH_FAILED');
  });

  it('removes the key files after use', async () => {
    expect(await readdir(join(root, 'cache', 'tmp'))).toEqual([]);
  });
});
