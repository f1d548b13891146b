// The git:// transport against a real `git daemon`, and http through a
// repository's proxy (Argo CD's `proxy` and `noProxy` Secret fields).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCache } from '../../core/src/repo/git';
import { startForwardProxy, type ForwardProxy } from '../support/chart-servers';
import { makeRepo, startGitHttpServer, type GitHttpServer, type TestRepo } from '../support/git-servers';
import { closedPort } from '../support/ports';
import { removeTestDir } from './helpers';

async function listening(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('git daemon did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('git:// and proxies', () => {
  let root: string;
  let repo: TestRepo;
  let daemon: ChildProcess;
  let daemonPort: number;
  let server: GitHttpServer;
  let proxy: ForwardProxy;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-git-daemon-'));
    repo = await makeRepo(join(root, 'repos', 'app.git'), { 'app/config.yaml': 'over: git-protocol\n' });
    daemonPort = await closedPort();
    daemon = spawn(
      'git',
      [
        'daemon',
        '--export-all',
        `--base-path=${join(root, 'repos')}`,
        '--listen=127.0.0.1',
        `--port=${daemonPort}`,
        '--reuseaddr',
        join(root, 'repos'),
      ],
      { stdio: 'ignore' },
    );
    await listening(daemonPort, daemon);
    server = await startGitHttpServer({ reposRoot: join(root, 'repos') });
    proxy = await startForwardProxy();
  });

  afterAll(async () => {
    daemon?.kill();
    await Promise.allSettled([server?.close(), proxy?.close()]);
    await removeTestDir(root);
  });

  it('resolves and checks out over git://', async () => {
    const cache = new GitCache({ root: join(root, 'cache-daemon'), allowFileUrls: false });
    const access = { url: `git://127.0.0.1:${daemonPort}/app.git` };
    const { commit } = await cache.resolveRevision(access, 'main');
    expect(commit).toBe(repo.commits[0]);
    const checkout = await cache.checkout(access, commit);
    expect(await readFile(join(checkout.dir, 'app/config.yaml'), 'utf8')).toBe('over: git-protocol\n');
  });

  it("goes through the repository's proxy, and around it for a noProxy host", async () => {
    const cache = new GitCache({ root: join(root, 'cache-proxy'), allowFileUrls: false, lsRemoteCacheMs: 0 });
    const url = `${server.url}/app.git`;
    const credentials = { url: '', type: 'git' as const, source: 'argocd/proxied', proxy: proxy.url };
    await expect(cache.resolveRevision({ url, credentials }, 'main')).resolves.toMatchObject({
      commit: repo.commits[0],
    });
    const throughProxy = proxy.seen.filter((line) => line.includes('/app.git/'));
    expect(throughProxy.length).toBeGreaterThan(0);
    expect(throughProxy[0]).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/app\.git\/info\/refs\?service=git-upload-pack$/);

    const before = proxy.seen.length;
    await cache.resolveRevision({ url, credentials: { ...credentials, noProxy: '127.0.0.1' } }, 'main');
    expect(proxy.seen.length).toBe(before);
  });
});
