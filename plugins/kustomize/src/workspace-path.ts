// `/`-separated paths relative to the workspace root (the isolate has no
// node:path): joining, normalising, and noticing a path that leaves the root.

/** The path without `.`, empty segments and resolved `..`; `.` for the root; undefined when it leaves the root. */
export function normalizePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

export function joinPath(base: string, relative: string): string | undefined {
  return normalizePath(relative.startsWith('/') ? relative : `${base}/${relative}`);
}

/** From a directory one level under the root to `target` (relative to the root). */
export function fromOverlayDir(target: string): string {
  return target === '.' ? '..' : `../${target}`;
}

/** Remote kustomize targets: URLs, git SSH, or hosts kustomize knows without a scheme. */
export function isRemote(reference: string): boolean {
  return (
    /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(reference) ||
    /^git@/.test(reference) ||
    /^(?:github\.com|gitlab\.com|bitbucket\.org)[/:]/.test(reference) ||
    /[?&](?:ref|version|timeout|submodules)=/.test(reference)
  );
}
