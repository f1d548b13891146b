// Which URLs reach git at all: file:// and local paths only when allowed,
// never transport helpers (ext::) or option-looking URLs.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCache } from '../../core/src/repo/git';
import type { RepositoryConfig } from '../../core/src/repo/credentials/repository-config';
import { makeRepo, type TestRepo } from '../support/git-servers';
import { caught, removeTestDir } from './helpers';

describe('GitCache URL policy', () => {
  let root: string;
  let repo: TestRepo;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-git-url-'));
    repo = await makeRepo(join(root, 'repos', 'local.git'), { 'a.yaml': 'local: true\n' }, { tags: ['1.0.0'] });
  });

  afterAll(async () => {
    await removeTestDir(root);
  });

  it('refuses file:// and local paths unless allowed', async () => {
    const cache = new GitCache({ root: join(root, 'refusing'), allowFileUrls: false });
    for (const url of [`file://${repo.dir}`, repo.dir, '../relative/repo']) {
      const error = await caught(cache.resolveRevision({ url }, 'main'));
      expect(error.code).toBe('FORBIDDEN_URL');
    }
    expect((await caught(cache.checkout({ url: `file://${repo.dir}` }, repo.commits[0]!))).code).toBe('FORBIDDEN_URL');
  });

  it('serves file:// when allowed', async () => {
    const cache = new GitCache({ root: join(root, 'allowing'), allowFileUrls: true });
    const access = { url: `file://${repo.dir}` };
    const { commit, ref } = await cache.resolveRevision(access, '^1.0.0');
    expect(ref).toBe('refs/tags/1.0.0');
    const checkout = await cache.checkout(access, commit);
    expect(await readFile(join(checkout.dir, 'a.yaml'), 'utf8')).toBe('local: true\n');
  });

  it.each([
    'ext::sh -c touch% /tmp/driftless-pwned',
    'fd::17',
    '-oProxyCommand=touch /tmp/driftless-pwned',
    'ssh://-oProxyCommand=touch/x',
    'ftp://example.test/repo.git',
    'https://example.test/repo.git\n--upload-pack=touch',
  ])('refuses %j before running git', async (url) => {
    const cache = new GitCache({ root: join(root, 'hostile'), allowFileUrls: true });
    expect((await caught(cache.resolveRevision({ url }, 'main'))).code).toBe('FORBIDDEN_URL');
  });
});

describe('GitCache repository settings', () => {
  let root: string;
  let repo: TestRepo;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-git-settings-'));
    repo = await makeRepo(join(root, 'repos', 'deep.git'), { 'a.yaml': 'v: 1\n' });
    await repo.commit({ 'a.yaml': 'v: 2\n' });
    await repo.commit({ 'a.yaml': 'v: 3\n' });
  });

  afterAll(async () => {
    await removeTestDir(root);
  });

  const settings = (fields: Partial<RepositoryConfig>): RepositoryConfig => ({
    url: '',
    type: 'git',
    source: 's',
    ...fields,
  });

  it('fetches shallow when depth is set', async () => {
    const cache = new GitCache({ root: join(root, 'shallow'), allowFileUrls: true });
    const access = { url: `file://${repo.dir}`, credentials: settings({ depth: 1 }) };
    const checkout = await cache.checkout(access, 'main');
    expect(await readFile(join(checkout.dir, 'a.yaml'), 'utf8')).toBe('v: 3\n');
    const older = await cache.checkout(access, repo.commits[0]!);
    expect(await readFile(join(older.dir, 'a.yaml'), 'utf8')).toBe('v: 1\n');
    const mirrors = await readdir(join(root, 'shallow', 'mirrors'));
    expect(await readFile(join(root, 'shallow', 'mirrors', mirrors[0]!, 'shallow'), 'utf8')).not.toBe('');
  });

  it('sees a pushed commit once the ref list cache expires', async () => {
    const cache = new GitCache({ root: join(root, 'fresh'), allowFileUrls: true, lsRemoteCacheMs: 0 });
    const access = { url: `file://${repo.dir}` };
    const before = await cache.resolveRevision(access, 'main');
    const pushed = await repo.commit({ 'b.yaml': 'new\n' });
    const after = await cache.resolveRevision(access, 'main');
    expect(before.commit).not.toBe(pushed);
    expect(after.commit).toBe(pushed);
  });

  it('objectHashes answers many paths with one tree listing, the same as one by one', async () => {
    const cache = new GitCache({ root: join(root, 'hashes'), allowFileUrls: true });
    const access = { url: `file://${repo.dir}` };
    const many = ['a.yaml', 'b.yaml', '', 'nope', ...Array.from({ length: 40 }, (_, index) => `missing-${index}/x`)];
    const all = await cache.objectHashes(access, 'main', many);
    const few = await cache.objectHashes(access, 'main', ['a.yaml', 'b.yaml', '', 'nope']);
    expect(few['a.yaml']).toMatch(/^[0-9a-f]{40}$/);
    for (const path of Object.keys(few)) expect(all[path]).toBe(few[path]);
    expect(all['missing-3/x']).toBeNull();
  });

  it('says clearly that git-lfs is missing when a repository enables LFS', async () => {
    const lfsInstalled = await new Promise<boolean>((resolve) =>
      execFile('git', ['lfs', 'version'], (error) => resolve(!error)),
    );
    const cache = new GitCache({ root: join(root, 'lfs'), allowFileUrls: true });
    const access = { url: `file://${repo.dir}`, credentials: settings({ enableLfs: true }) };
    if (lfsInstalled) {
      await expect(cache.checkout(access, 'main')).resolves.toBeDefined();
      return;
    }
    const error = await caught(cache.checkout(access, 'main'));
    expect(error.code).toBe('FAILED');
    expect(error.message).toContain('git-lfs is not installed');
  });

  it('refuses a tree with a symlink out of the repository and keeps symlinks inside it', async () => {
    const linked = await makeRepo(join(root, 'repos', 'links.git'), {
      'apps/db/db.yaml': 'db: 1\n',
      'apps/web/db.yaml': { symlink: '../db/db.yaml' },
    });
    const escaping = await linked.commit({ 'apps/web/secret': { symlink: '../../../../../etc/passwd' } });
    const absolute = await linked.commit({ 'apps/web/secret': { symlink: '/etc/passwd' } });
    const cache = new GitCache({ root: join(root, 'links'), allowFileUrls: true });
    const access = { url: `file://${linked.dir}` };
    const fine = await cache.checkout(access, linked.commits[0]!);
    expect(await readFile(join(fine.dir, 'apps/web/db.yaml'), 'utf8')).toBe('db: 1\n');
    for (const commit of [escaping, absolute]) {
      const error = await caught(cache.checkout(access, commit));
      expect(error.code).toBe('FAILED');
      expect(error.message).toContain('"apps/web/secret"');
      expect(error.message).toContain('symlink');
    }
    expect(await readdir(join(root, 'links', 'tmp'))).toEqual([]);
  });
});
