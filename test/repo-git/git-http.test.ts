// The Git transport over smart HTTP against `git http-backend`: credentials,
// revision resolution, checkouts, object hashes, metadata, submodules,
// concurrency and pruning.
import { mkdtemp, readdir, readFile, stat, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCache, type GitRepoAccess } from '../../core/src/repo/git';
import type { RepositoryConfig } from '../../core/src/repo/credentials/repository-config';
import { caught, visibleText, removeTestDir } from './helpers';
import { makeRepo, startGitHttpServer, type GitHttpServer, type TestRepo } from '../support/git-servers';

const password = 'canary-http-password-5f1e';
const token = 'canary-bearer-token-77ad';

function credentials(fields: Partial<RepositoryConfig>): RepositoryConfig {
  return { url: '', type: 'git', source: 'argocd/test', ...fields };
}

describe('GitCache over HTTP', () => {
  let root: string;
  let server: GitHttpServer;
  let bearerServer: GitHttpServer;
  let app: TestRepo;
  let sub: TestRepo;
  let parent: TestRepo;
  let cache: GitCache;
  let repo: GitRepoAccess;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-git-http-'));
    const repos = join(root, 'repos');
    app = await makeRepo(
      join(repos, 'app.git'),
      { 'apps/web/deploy.yaml': 'kind: Deployment\n', 'apps/db/db.yaml': 'db: 1\n' },
      { tags: ['v1.0.0'] },
    );
    await app.commit({ 'apps/web/deploy.yaml': 'kind: Deployment\nreplicas: 2\n' }, { annotatedTags: ['v1.2.0'] });
    await app.commit({ 'README.md': 'docs only\n' }, { tags: ['v1.2.5', 'v2.0.0-rc.1'] });
    await app.commit(
      { 'apps/web/deploy.yaml': 'kind: Deployment\nreplicas: 3\n' },
      { tags: ['v2.0.0'], branches: ['release'] },
    );
    await app.switchBranch('feature');
    await app.commit({ 'apps/web/feature.yaml': 'feature: true\n' });
    sub = await makeRepo(join(repos, 'lib.git'), { 'lib.yaml': 'library: v1\n' });
    parent = await makeRepo(
      join(repos, 'parent.git'),
      { 'root.yaml': 'root: true\n' },
      {
        submodules: { 'vendor/lib': { url: '../lib.git', commit: sub.commits[0]! } },
      },
    );
    server = await startGitHttpServer({ reposRoot: repos, basicAuth: { username: 'bot', password } });
    bearerServer = await startGitHttpServer({ reposRoot: repos, bearerToken: token });
    cache = new GitCache({ root: join(root, 'cache'), allowFileUrls: false, timeoutMs: 20_000 });
    repo = { url: `${server.url}/app.git`, credentials: credentials({ username: 'bot', password }) };
  });

  afterAll(async () => {
    await server.close();
    await bearerServer.close();
    await removeTestDir(root);
  });

  describe('credentials', () => {
    it('authenticates with username and password', async () => {
      await expect(cache.resolveRevision(repo, 'main')).resolves.toEqual({
        commit: app.commits[3],
        ref: 'refs/heads/main',
      });
    });

    it('answers AUTH_FAILED for a wrong password and never shows it', async () => {
      const wrong = 'canary-wrong-password-91c2';
      const error = await caught(
        cache.resolveRevision(
          { url: `${server.url}/app.git`, credentials: credentials({ username: 'bot', password: wrong }) },
          'main',
        ),
      );
      expect(error.code).toBe('AUTH_FAILED');
      expect(error.message).toContain(`${server.url}/app.git`);
      const everything = visibleText(error);
      expect(everything).not.toContain(wrong);
      expect(everything).not.toContain(Buffer.from(`bot:${wrong}`).toString('base64'));
    });

    it('answers AUTH_FAILED without credentials', async () => {
      expect((await caught(cache.resolveRevision({ url: `${server.url}/app.git` }, 'main'))).code).toBe('AUTH_FAILED');
    });

    it('moves userinfo out of the URL and keeps it out of messages', async () => {
      const url = `${server.url.replace('://', `://bot:${password}@`)}/app.git`;
      await expect(cache.resolveRevision({ url }, 'main')).resolves.toMatchObject({ commit: app.commits[3] });
      const error = await caught(cache.resolveRevision({ url: url.replace('app.git', 'missing.git') }, 'main'));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).not.toContain(password);
    });

    it('sends a bearer token', async () => {
      const access = { url: `${bearerServer.url}/app.git`, credentials: credentials({ bearerToken: token }) };
      const { commit } = await cache.resolveRevision(access, 'release');
      expect(commit).toBe(app.commits[3]);
      const checkout = await cache.checkout(access, app.commits[0]!);
      expect(await readFile(join(checkout.dir, 'apps/db/db.yaml'), 'utf8')).toBe('db: 1\n');
      const wrong = await caught(
        cache.resolveRevision({ ...access, credentials: credentials({ bearerToken: 'canary-nope-token' }) }, 'main'),
      );
      expect(wrong.code).toBe('AUTH_FAILED');
      expect(wrong.message).not.toContain('canary-nope-token');
    });
  });

  describe('resolveRevision', () => {
    it.each([
      ['HEAD', 3, 'refs/heads/main'],
      ['', 3, 'refs/heads/main'],
      ['main', 3, 'refs/heads/main'],
      ['refs/heads/release', 3, 'refs/heads/release'],
      ['feature', 4, 'refs/heads/feature'],
      ['v1.0.0', 0, 'refs/tags/v1.0.0'],
      ['v1.2.0', 1, 'refs/tags/v1.2.0'],
      ['1.2.*', 2, 'refs/tags/v1.2.5'],
      ['>=1.0 <2', 2, 'refs/tags/v1.2.5'],
      ['>= 1.0, < 1.2.5', 1, 'refs/tags/v1.2.0'],
      ['v1.x', 2, 'refs/tags/v1.2.5'],
      ['*', 3, 'refs/tags/v2.0.0'],
    ])('%j → commit %d', async (revision, index, ref) => {
      await expect(cache.resolveRevision(repo, revision)).resolves.toEqual({ commit: app.commits[index], ref });
    });

    it('takes a full SHA as it is and resolves a short one through the mirror', async () => {
      const full = app.commits[1]!;
      await expect(cache.resolveRevision(repo, full.toUpperCase())).resolves.toEqual({ commit: full });
      await expect(cache.resolveRevision(repo, full.slice(0, 9))).resolves.toEqual({ commit: full });
    });

    it('answers REVISION_NOT_FOUND for unknown names, ranges without tags and unknown SHAs', async () => {
      for (const revision of ['no-such-branch', '>=9.0', 'deadbeefdeadbeef']) {
        const error = await caught(cache.resolveRevision(repo, revision));
        expect(error.code).toBe('REVISION_NOT_FOUND');
        expect(error.message).toContain(revision);
      }
    });

    it('answers NOT_FOUND for a repository that does not exist', async () => {
      const error = await caught(cache.resolveRevision({ ...repo, url: `${server.url}/nope.git` }, 'main'));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toContain(`${server.url}/nope.git`);
    });
  });

  describe('checkout', () => {
    it('checks out a plain read-only tree without .git', async () => {
      const checkout = await cache.checkout(repo, app.commits[1]!);
      expect(checkout.commit).toBe(app.commits[1]);
      expect(await readFile(join(checkout.dir, 'apps/web/deploy.yaml'), 'utf8')).toBe(
        'kind: Deployment\nreplicas: 2\n',
      );
      expect((await readdir(checkout.dir)).sort()).toEqual(['apps']);
      expect((await stat(join(checkout.dir, 'apps/web/deploy.yaml'))).mode & 0o222).toBe(0);
      expect((await stat(join(checkout.dir, 'apps'))).mode & 0o222).toBe(0);
      await expect(cache.checkout(repo, app.commits[1]!)).resolves.toEqual(checkout);
    });

    it('fails with REVISION_NOT_FOUND for a commit the repository does not have', async () => {
      const error = await caught(cache.checkout(repo, 'f'.repeat(40)));
      expect(error.code).toBe('REVISION_NOT_FOUND');
      expect(error.message).toContain('f'.repeat(40));
    });

    it('shares one mirror and one checkout per commit between 20 concurrent callers', async () => {
      const concurrentRoot = join(root, 'concurrent-cache');
      const fresh = new GitCache({ root: concurrentRoot, allowFileUrls: false, timeoutMs: 20_000 });
      const commits = [app.commits[0]!, app.commits[2]!, app.commits[4]!];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) => fresh.checkout(repo, commits[index % 3]!)),
      );
      expect(await readdir(join(concurrentRoot, 'mirrors'))).toHaveLength(1);
      const [mirrorDirs] = await Promise.all([readdir(join(concurrentRoot, 'checkouts'))]);
      expect(mirrorDirs).toHaveLength(1);
      expect((await readdir(join(concurrentRoot, 'checkouts', mirrorDirs[0]!))).sort()).toEqual([...commits].sort());
      expect(new Set(results.map((result) => result.dir)).size).toBe(3);
      for (const result of results) {
        const expected = result.commit === commits[0] ? 'kind: Deployment\n' : 'kind: Deployment\nreplicas: 3\n';
        const content = result.commit === commits[1] ? 'kind: Deployment\nreplicas: 2\n' : expected;
        expect(await readFile(join(result.dir, 'apps/web/deploy.yaml'), 'utf8')).toBe(content);
      }
      expect(await readdir(join(concurrentRoot, 'tmp'))).toEqual([]);
    });

    it('includes submodules, with relative URLs and the same credentials', async () => {
      const checkout = await cache.checkout({ ...repo, url: `${server.url}/parent.git` }, parent.commits[0]!);
      expect(await readFile(join(checkout.dir, 'root.yaml'), 'utf8')).toBe('root: true\n');
      expect(await readFile(join(checkout.dir, 'vendor/lib/lib.yaml'), 'utf8')).toBe('library: v1\n');
      await expect(lstat(join(checkout.dir, 'vendor/lib/.git'))).rejects.toThrow();
    });

    it('drops checkouts not used for a while', async () => {
      const checkout = await cache.checkout(repo, app.commits[0]!);
      await cache.prune(60_000);
      await expect(stat(checkout.dir)).resolves.toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await cache.prune(10);
      await expect(stat(checkout.dir)).rejects.toThrow();
      const again = await cache.checkout(repo, app.commits[0]!);
      expect(await readFile(join(again.dir, 'apps/db/db.yaml'), 'utf8')).toBe('db: 1\n');
    });
  });

  describe('objectHashes and commitMetadata', () => {
    it('keeps the hash of a path stable across commits that do not touch it', async () => {
      const paths = ['apps/db', 'apps/web', 'apps/db/db.yaml', 'missing/path', '', './apps/web/'];
      const [first, second, third] = await Promise.all(
        [0, 1, 2].map((index) => cache.objectHashes(repo, app.commits[index]!, paths)),
      );
      expect(first!['apps/db']).toMatch(/^[0-9a-f]{40}$/);
      expect(second!['apps/db']).toBe(first!['apps/db']);
      expect(second!['apps/db/db.yaml']).toBe(first!['apps/db/db.yaml']);
      expect(second!['apps/web']).not.toBe(first!['apps/web']);
      expect(third!['apps/web']).toBe(second!['apps/web']);
      expect(third!['./apps/web/']).toBe(second!['apps/web']);
      expect(first!['missing/path']).toBeNull();
      expect(third!['']).not.toBe(second!['']);
    });

    it('reads author, date and message', async () => {
      const metadata = await cache.commitMetadata(repo, app.commits[2]!);
      expect(metadata.author).toBe('Test Author <author@example.test>');
      expect(metadata.date).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(metadata.message).toBe('commit 3');
    });
  });
});
