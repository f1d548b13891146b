// The `argocd.argoproj.io/manifest-generate-paths` annotation: an app that
// sets it refreshes on a push only when a changed file lies under one of its
// `;`-separated paths — relative to each source's path, or from the repository
// root with a leading `/` (`.` is the source path itself); entries may be
// Go filepath.Match patterns. Without the annotation, or when the push does not
// list its files, every matching app refreshes.
import { posix } from 'node:path';
import { pathPatternMatches } from './path-pattern';

export const MANIFEST_GENERATE_PATHS = 'argocd.argoproj.io/manifest-generate-paths';

/** Repository-relative paths (no leading `/`; `` for the root) the annotation names, for the given source paths. */
export function refreshPaths(annotation: string | undefined, sourcePaths: readonly (string | undefined)[]): string[] {
  const paths = new Set<string>();
  for (const item of (annotation ?? '').split(';').map((entry) => entry.trim())) {
    if (item === '') continue;
    if (item.startsWith('/')) paths.add(clean(item));
    else for (const sourcePath of sourcePaths) paths.add(clean(posix.join(sourcePath ?? '', item)));
  }
  return [...paths];
}

/** Whether a push with these changed files concerns an app with these refresh paths. */
export function filesTouchPaths(paths: readonly string[], changedFiles: readonly string[] | undefined): boolean {
  if (changedFiles === undefined || changedFiles.length === 0 || paths.length === 0) return true;
  return changedFiles.some((file) => {
    const changed = clean(file);
    return paths.some(
      (path) => path === '' || changed === path || changed.startsWith(`${path}/`) || pathPatternMatches(path, changed),
    );
  });
}

/** `/a/./b/` → `a/b`; `.`, `/` and `` → `` (the repository root). */
function clean(path: string): string {
  const normalized = posix.normalize(`/${path}`).replace(/\/+$/, '');
  return normalized.replace(/^\/+/, '');
}
