// Lexical path arithmetic inside a repository, as Argo CD's
// util/io/path/resolved.go does it before following links: a path is joined
// to the app path (or, when absolute, to the repository root), cleaned, and
// refused when it climbs out. Symlinks are checked afterwards by the host.

/** Cleans `segments` of `.`, `..` and empty parts; undefined when they climb above the root. */
function cleanSegments(segments: string[]): string[] | undefined {
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return out;
}

/**
 * `path` relative to `base` (both `/`-separated, relative to the root; an
 * absolute `path` is relative to the root itself). Returns the cleaned path
 * (`.` for the root), or undefined when it leaves the root.
 */
export function joinInside(base: string, path: string): string | undefined {
  const segments = path.startsWith('/') ? path.split('/') : [...base.split('/'), ...path.split('/')];
  const cleaned = cleanSegments(segments);
  if (!cleaned) return undefined;
  return cleaned.length === 0 ? '.' : cleaned.join('/');
}

/** `a/b` + `c` → `a/b/c`, with `.` as the root. */
export function childPath(dir: string, name: string): string {
  return dir === '.' || dir === '' ? name : `${dir}/${name}`;
}
