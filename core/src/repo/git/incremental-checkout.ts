// A checkout of a new commit built from the checkout of an earlier commit of
// the same repository: the earlier tree is hard-linked into the staging
// directory (no file data copied), then git applies the difference between
// the two commits (`read-tree -m -u`), creating only what changed. On a
// monorepo where a commit touches a few apps this costs a fraction of a full
// checkout, whose cost is creating every file.
//
// Why hard links are safe: checkouts are read-only and shared, and git never
// writes into an existing file — it unlinks a path and creates a new file
// (O_EXCL), so a changed file gets a new inode and the earlier checkout keeps
// its own.
import { execFile } from 'node:child_process';
import { chmod, lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { GitCommand } from './git-runner';
import { makeDirectoriesWritable } from './tree-files';

const run = promisify(execFile);

export interface CheckoutBase {
  commit: string;
  dir: string;
}

type RunGit = (command: GitCommand) => Promise<Buffer>;

/**
 * Fills the empty `staging` with the tree of `commit`, starting from `base`.
 * Rejects when anything does not go as planned; the caller then empties
 * `staging` (see `emptyDirectory`) and does a full checkout.
 */
export async function checkoutFromBase(options: {
  git: RunGit;
  mirror: string;
  base: CheckoutBase;
  commit: string;
  staging: string;
  tempDir: string;
}): Promise<string[]> {
  const { git, mirror, base, commit, staging } = options;
  const inTree = (operation: string, args: string[], env: Record<string, string> = {}): GitCommand => ({
    operation,
    args: ['--git-dir', mirror, '--work-tree', staging, ...args],
    cwd: staging,
    env,
  });
  // The paths that differ: only they (and the folders holding them) are touched below.
  const diff = await git(
    inTree('diff-tree', ['diff-tree', '-r', '-z', '--name-only', '--no-renames', base.commit, commit]),
  );
  const changed = diff.toString('utf8').split('\0').filter(Boolean);
  // `cp -al` links every file and recreates directories with their (read-only) modes (GNU
  // coreutils; on the image and in CI). Only the folders git must change become writable.
  await run('cp', ['-al', '--', `${base.dir}/.`, staging], { maxBuffer: 1024 * 1024 });
  // Only real folders: a changed path's "folder" may still be a file here (a file that becomes a
  // folder), hard-linked to the earlier tree — chmod on it would change that tree too.
  for (const folder of foldersOf(changed)) await chmodFolder(join(staging, folder), 0o755);
  const indexDir = await mkdtemp(join(options.tempDir, 'index-'));
  try {
    const env = { GIT_INDEX_FILE: join(indexDir, 'index') };
    await git(inTree('read-tree', ['read-tree', base.commit], env));
    // The index read from a tree has no file stat data: record it (and check the files match base).
    await git(inTree('update-index', ['update-index', '--refresh', '-q'], env));
    await git(inTree('read-tree', ['read-tree', '-m', '-u', base.commit, commit], env));
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
  return changed;
}

/**
 * Makes what `checkoutFromBase` changed read-only again (the rest is linked
 * from a read-only tree): changed files lose their write bits, the folders
 * holding them go back to 0555.
 */
export async function sealChanged(staging: string, changed: readonly string[]): Promise<void> {
  for (const path of changed) {
    const info = await lstat(join(staging, path)).catch(() => undefined);
    if (info && !info.isSymbolicLink() && (info.mode & 0o222) !== 0)
      await chmod(join(staging, path), info.mode & 0o555);
  }
  for (const folder of [...foldersOf(changed)].reverse()) await chmodFolder(join(staging, folder), 0o555);
}

/** chmod when `path` is a folder (not a link, not a file); nothing when it does not exist. */
async function chmodFolder(path: string, mode: number): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (info?.isDirectory()) await chmod(path, mode);
}

/** Every folder holding a changed path, the root ('.') included, parents first. */
function foldersOf(changed: readonly string[]): string[] {
  const folders = new Set<string>(['.']);
  for (const path of changed)
    for (let folder = dirname(path); folder !== '.' && folder !== '/'; folder = dirname(folder)) folders.add(folder);
  return [...folders].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

/** Removes everything inside `dir` (after a failed incremental attempt), keeping `dir`. */
export async function emptyDirectory(dir: string): Promise<void> {
  await makeDirectoriesWritable(dir);
  for (const entry of await readdir(dir)) await rm(join(dir, entry), { recursive: true, force: true });
}
