// Tree and blob hashes of paths in a commit, for content-keyed caching. A few
// paths are looked up with `git cat-file --batch-check`; many paths with one
// `git ls-tree -r -t` over the top-level folders they live in, which reads
// each tree once instead of once per path (1,000 paths: ~20 ms instead of ~100).
import { GitError } from './git-error';
import type { GitCommand } from './git-runner';
import { isSafeTreePath } from './submodules';

type RunGit = (command: Omit<GitCommand, 'cwd'>) => Promise<Buffer>;

const batchLimit = 32;

/** "./apps/web/" → "apps/web"; "" or "." → "" (the root tree); undefined when not a tree path. */
export function normalizeTreePath(path: string): string | undefined {
  const clean = path.replace(/^(\.?\/)+/, '').replace(/\/+$/, '');
  if (clean === '' || clean === '.') return '';
  return isSafeTreePath(clean) && !/[\n\r\0]/.test(clean) ? clean : undefined;
}

/** `git ls-tree -r -t -z` output → path → object hash. */
export function parseLsTree(output: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const record of output.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const hash = record.slice(0, tab).split(' ')[2];
    if (hash) result.set(record.slice(tab + 1), hash);
  }
  return result;
}

async function batchCheck(git: RunGit, commit: string, paths: readonly string[]): Promise<Map<string, string>> {
  const specs = paths.map((path) => (path === '' ? `${commit}^{tree}` : `${commit}:${path}`));
  const output = await git({
    operation: 'cat-file',
    args: ['cat-file', '--batch-check=%(objectname) %(objecttype)'],
    stdin: `${specs.join('\n')}\n`,
  });
  const lines = output.toString('utf8').split('\n');
  const result = new Map<string, string>();
  paths.forEach((path, index) => {
    const hash = /^([0-9a-f]{40,64}) (tree|blob|commit)$/.exec(lines[index] ?? '')?.[1];
    if (hash) result.set(path, hash);
  });
  return result;
}

async function treeListing(git: RunGit, commit: string, paths: readonly string[]): Promise<Map<string, string>> {
  const topLevel = [...new Set(paths.filter((path) => path !== '').map((path) => path.split('/')[0] ?? ''))];
  const listing = await git({
    operation: 'ls-tree',
    args: ['--literal-pathspecs', 'ls-tree', '-r', '-t', '-z', '--full-tree', commit, '--', ...topLevel],
  });
  const hashes = parseLsTree(listing.toString('utf8'));
  if (paths.includes('')) for (const [path, hash] of await batchCheck(git, commit, [''])) hashes.set(path, hash);
  return hashes;
}

export async function lookupObjectHashes(
  git: RunGit,
  commit: string,
  paths: readonly string[],
): Promise<Record<string, string | null>> {
  const normalized = new Map<string, string>();
  for (const path of paths) {
    const clean = normalizeTreePath(path);
    if (clean !== undefined) normalized.set(path, clean);
  }
  const wanted = [...new Set(normalized.values())];
  const hashes =
    wanted.length === 0
      ? new Map<string, string>()
      : wanted.length <= batchLimit
        ? await batchCheck(git, commit, wanted)
        : await treeListing(git, commit, wanted);
  const result: Record<string, string | null> = {};
  for (const path of paths) {
    const clean = normalized.get(path);
    result[path] = clean === undefined ? null : (hashes.get(clean) ?? null);
  }
  return result;
}

/**
 * Every path of `commit` (trees, blobs, gitlinks; "" for the root tree) with
 * its object hash, or undefined when the listing would exceed `maxBytes`.
 */
export async function listWholeTree(
  git: RunGit,
  commit: string,
  maxBytes: number,
): Promise<Map<string, string> | undefined> {
  let listing: Buffer;
  try {
    listing = await git({
      operation: 'ls-tree',
      args: ['ls-tree', '-r', '-t', '-z', '--full-tree', commit],
      maxStdoutBytes: maxBytes,
    });
  } catch (error) {
    if (error instanceof GitError && error.code === 'TOO_LARGE') return undefined;
    throw error;
  }
  const hashes = parseLsTree(listing.toString('utf8'));
  for (const [path, hash] of await batchCheck(git, commit, [''])) hashes.set(path, hash);
  return hashes;
}
