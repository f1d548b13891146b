// File-system side of checkouts: refusing symlinks that point out of the tree
// (as Argo CD does; they would let a repository read other checkouts or the
// host), making a finished tree read-only (it is shared by every caller) and
// writable again before it is deleted.
import { chmod, lstat, readdir, readlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

async function walk(dir: string, visit: (path: string, isDirectory: boolean) => Promise<void>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  await Promise.all(
    entries
      .filter((entry) => !entry.isSymbolicLink())
      .map((entry) => visit(join(entry.parentPath, entry.name), entry.isDirectory())),
  );
  await visit(dir, true);
}

/** Removes every write bit (keeps execute bits). Symlinks are left alone: chmod would follow them. */
export async function makeReadOnly(dir: string): Promise<void> {
  await walk(dir, async (path, isDirectory) => {
    if (isDirectory) return chmod(path, 0o555);
    const { mode } = await lstat(path);
    // Files hard-linked from an earlier checkout are read-only already.
    if ((mode & 0o222) !== 0) await chmod(path, mode & 0o555);
  });
}

/** Gives directories their write bit back so the tree can be removed by a non-root user. */
export async function makeDirectoriesWritable(dir: string): Promise<void> {
  await walk(dir, async (path, isDirectory) => {
    if (isDirectory) await chmod(path, 0o755);
  });
}

/** The first symlink (relative path) whose target leaves `dir`, or undefined. */
export async function findOutOfBoundsSymlink(dir: string): Promise<string | undefined> {
  const root = resolve(dir);
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    const link = join(entry.parentPath, entry.name);
    if (await leavesRoot(root, link)) return relative(root, link);
  }
  return undefined;
}

/**
 * The same check for some paths only (those a commit changed: the links of
 * the tree it started from were checked then). The check is lexical, link by
 * link, so an unchanged link cannot start leaving because of a change elsewhere
 * without the changed path being a leaving link itself.
 */
export async function findOutOfBoundsSymlinkAmong(dir: string, paths: readonly string[]): Promise<string | undefined> {
  const root = resolve(dir);
  for (const path of paths) {
    const link = join(root, path);
    const info = await lstat(link).catch(() => undefined);
    if (info?.isSymbolicLink() && (await leavesRoot(root, link))) return path;
  }
  return undefined;
}

async function leavesRoot(root: string, link: string): Promise<boolean> {
  const target = await readlink(link);
  const outside = relative(root, resolve(dirname(link), target));
  return isAbsolute(target) || outside === '..' || outside.startsWith('../') || isAbsolute(outside);
}
