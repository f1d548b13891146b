// Reading submodules from a commit: `.gitmodules` (as `git config -z --list`)
// names paths and URLs, and the commit's gitlinks (mode 160000 in `git ls-tree
// -z`) say which commit each path is pinned to.

export interface SubmoduleEntry {
  path: string;
  url: string;
  commit: string;
}

/** path → url from `git config -z --blob <commit>:.gitmodules --list`. */
export function parseGitmodules(configList: string): Map<string, string> {
  const byName = new Map<string, { path?: string; url?: string }>();
  for (const record of configList.split('\0')) {
    const newline = record.indexOf('\n');
    if (newline < 0) continue;
    const key = record.slice(0, newline);
    const value = record.slice(newline + 1);
    const match = /^submodule\.(.+)\.(path|url)$/.exec(key);
    if (!match) continue;
    const name = match[1] ?? '';
    const entry = byName.get(name) ?? {};
    entry[match[2] as 'path' | 'url'] = value;
    byName.set(name, entry);
  }
  const result = new Map<string, string>();
  for (const { path, url } of byName.values()) if (path && url) result.set(path.replace(/\/+$/, ''), url);
  return result;
}

/** Gitlinks from `git ls-tree -z <commit> -- <paths>`. */
export function parseGitlinks(lsTree: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const record of lsTree.split('\0')) {
    const match = /^160000 commit ([0-9a-f]{40,64})\t(.+)$/.exec(record);
    if (match?.[1] && match[2]) result.set(match[2], match[1]);
  }
  return result;
}

/** A path inside the tree: relative, no "..", no empty segments. */
export function isSafeTreePath(path: string): boolean {
  if (path === '' || path.startsWith('/')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export function submoduleEntries(gitmodules: Map<string, string>, gitlinks: Map<string, string>): SubmoduleEntry[] {
  const entries: SubmoduleEntry[] = [];
  for (const [path, url] of gitmodules) {
    const commit = gitlinks.get(path);
    if (commit && isSafeTreePath(path)) entries.push({ path, url, commit });
  }
  return entries;
}
