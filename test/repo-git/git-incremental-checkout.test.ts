// A checkout built from an earlier commit's checkout (hard links plus
// `read-tree -m -u`) must be the same tree a full checkout gives — contents,
// executable bits, symlinks, deletions, a file turned into a directory — and
// must leave the earlier checkout exactly as it was.
import { createHash } from 'node:crypto';
import { lstat, mkdtemp, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { GitCache } from '../../core/src/repo/git';
import { makeRepo, type TestRepo } from '../support/git-servers';
import { removeTestDir } from './helpers';

/** path → "file <mode> <sha256>" | "link <target>" | "dir <mode>"; the whole tree, for equality. */
async function describeTree(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const name = relative(root, path);
    if (entry.isSymbolicLink()) result[name] = `link ${await readlink(path)}`;
    else if (entry.isDirectory()) result[name] = `dir ${((await lstat(path)).mode & 0o777).toString(8)}`;
    else {
      const info = await lstat(path);
      const digest = createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
      result[name] = `file ${(info.mode & 0o777).toString(8)} ${digest}`;
    }
  }
  return result;
}

describe('incremental checkouts', () => {
  let root: string;
  let repo: TestRepo;
  const url = () => `file://${repo.dir}`;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'driftless-git-incremental-'));
    repo = await makeRepo(join(root, 'repos', 'app.git'), {
      'apps/web/deploy.yaml': 'replicas: 1\n',
      'apps/web/old.yaml': 'to be deleted\n',
      'apps/db/db.yaml': 'db: 1\n',
      'scripts/run.sh': 'echo run\n',
      'shared/config': 'a file that becomes a directory\n',
      'links/to-web': { symlink: '../apps/web/deploy.yaml' },
    });
    await repo.commit({
      'apps/web/deploy.yaml': 'replicas: 3\n',
      'apps/web/old.yaml': null,
      'apps/web/new.yaml': 'added\n',
      'shared/config': null,
      'shared/config/settings.yaml': 'now a directory\n',
      'links/to-web': { symlink: '../apps/db/db.yaml' },
      'links/new-link': { symlink: '../scripts/run.sh' },
    });
  });

  afterAll(() => removeTestDir(root));

  it('builds the same tree as a full checkout and leaves the earlier checkout untouched', async () => {
    const incremental = new GitCache({ root: join(root, 'cache-a'), allowFileUrls: true });
    const first = await incremental.checkout({ url: url() }, repo.commits[0] ?? '');
    const firstBefore = await describeTree(first.dir);
    const second = await incremental.checkout({ url: url() }, repo.commits[1] ?? '');

    const full = new GitCache({ root: join(root, 'cache-b'), allowFileUrls: true });
    const reference = await full.checkout({ url: url() }, repo.commits[1] ?? '');
    expect(await describeTree(second.dir)).toEqual(await describeTree(reference.dir));
    expect(await describeTree(first.dir)).toEqual(firstBefore);

    // Unchanged files share storage with the earlier checkout; changed ones do not.
    const inode = async (dir: string, path: string) => (await stat(join(dir, path))).ino;
    expect(await inode(second.dir, 'apps/db/db.yaml')).toBe(await inode(first.dir, 'apps/db/db.yaml'));
    expect(await inode(second.dir, 'apps/web/deploy.yaml')).not.toBe(await inode(first.dir, 'apps/web/deploy.yaml'));
    expect(await readFile(join(first.dir, 'apps/web/deploy.yaml'), 'utf8')).toBe('replicas: 1\n');
  });

  it('refuses a symlink leaving the repository in a commit built incrementally', async () => {
    const cache = new GitCache({ root: join(root, 'cache-c'), allowFileUrls: true });
    await cache.checkout({ url: url() }, repo.commits[1] ?? '');
    const escaping = await repo.commit({ 'links/escape': { symlink: '../../../../etc/passwd' } });
    await expect(cache.checkout({ url: url() }, escaping)).rejects.toThrow(
      /contains a symlink that points outside the repository \("links\/escape"\)/,
    );
  });

  it('resolves a branch from the recent ref list unless asked to list the remote anew (a sync, a hard refresh)', async () => {
    const cache = new GitCache({ root: join(root, 'cache-d'), allowFileUrls: true, lsRemoteCacheMs: 60_000 });
    const before = (await cache.resolveRevision({ url: url() }, 'HEAD')).commit;
    const pushed = await repo.commit({ 'apps/web/deploy.yaml': 'replicas: 5\n' });
    expect(pushed).not.toBe(before);
    expect((await cache.resolveRevision({ url: url() }, 'HEAD')).commit).toBe(before);
    expect((await cache.resolveRevision({ url: url() }, 'HEAD', { fresh: true })).commit).toBe(pushed);
    // The fresh list replaces the remembered one.
    expect((await cache.resolveRevision({ url: url() }, 'HEAD')).commit).toBe(pushed);
  });
});
