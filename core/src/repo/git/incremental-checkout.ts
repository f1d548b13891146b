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
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
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
}): Promise<void> {
  const { git, mirror, base, commit, staging } = options;
  // `cp -al` links every file and recreates directories (GNU coreutils; on the image and in CI);
  // --no-preserve=mode gives the new directories a writable mode (git creates and removes entries
  // in them) and leaves the linked files' shared mode alone.
  await run('cp', ['-al', '--no-preserve=mode', '--', `${base.dir}/.`, staging], { maxBuffer: 1024 * 1024 });
  const indexDir = await mkdtemp(join(options.tempDir, 'index-'));
  try {
    const env = { GIT_INDEX_FILE: join(indexDir, 'index') };
    const inTree = (operation: string, args: string[]): GitCommand => ({
      operation,
      args: ['--git-dir', mirror, '--work-tree', staging, ...args],
      cwd: staging,
      env,
    });
    await git(inTree('read-tree', ['read-tree', base.commit]));
    // The index read from a tree has no file stat data: record it (and check the files match base).
    await git(inTree('update-index', ['update-index', '--refresh', '-q']));
    await git(inTree('read-tree', ['read-tree', '-m', '-u', base.commit, commit]));
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
}

/** Removes everything inside `dir` (after a failed incremental attempt), keeping `dir`. */
export async function emptyDirectory(dir: string): Promise<void> {
  await makeDirectoriesWritable(dir);
  for (const entry of await readdir(dir)) await rm(join(dir, entry), { recursive: true, force: true });
}
