// The two glob dialects of CMP discovery: `discover.fileName` is Go's
// filepath.Glob (`*`, `?`, `[…]` within one path segment) and `find.glob` is
// mattn/go-zglob (the same plus `**` across directories and `{a,b}`). Both are
// matched against the paths under the app directory.

function classEnd(pattern: string, start: number): number {
  let index = start + 1;
  if (pattern[index] === '^' || pattern[index] === '!') index += 1;
  if (pattern[index] === ']') index += 1;
  while (index < pattern.length && pattern[index] !== ']') index += pattern[index] === '\\' ? 2 : 1;
  return index < pattern.length ? index : -1;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A pattern as a RegExp over `/`-separated relative paths. `extended` adds `**` and braces (zglob). */
export function globToRegExp(pattern: string, extended: boolean): RegExp {
  let source = '';
  let braces = 0;
  for (let index = 0; index < pattern.length; index += 1) {
    const character = pattern[index] ?? '';
    if (character === '*') {
      if (extended && pattern[index + 1] === '*') {
        const slash = pattern[index + 2] === '/';
        source += slash ? '(?:.*/)?' : '.*';
        index += slash ? 2 : 1;
      } else source += '[^/]*';
    } else if (character === '?') source += '[^/]';
    else if (character === '[') {
      const end = classEnd(pattern, index);
      if (end < 0) source += '\\[';
      else {
        let body = pattern.slice(index + 1, end);
        const negated = body.startsWith('^') || body.startsWith('!');
        if (negated) body = body.slice(1);
        source += `[${negated ? '^' : ''}${body.replace(/\\(.)/g, '\\$1').replace(/[[\]]/g, '\\$&')}]`;
        index = end;
      }
    } else if (character === '\\' && index + 1 < pattern.length) {
      source += escapeRegExp(pattern[index + 1] ?? '');
      index += 1;
    } else if (extended && character === '{') {
      braces += 1;
      source += '(?:';
    } else if (extended && character === '}' && braces > 0) {
      braces -= 1;
      source += ')';
    } else if (extended && character === ',' && braces > 0) source += '|';
    else source += escapeRegExp(character);
  }
  if (braces > 0) return /(?!)/;
  return new RegExp(`^${source}$`);
}

/** Every file and every directory above it, relative to the app directory. */
export function pathsWithDirectories(files: readonly string[]): string[] {
  const all = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    for (let depth = 1; depth <= parts.length; depth += 1) all.add(parts.slice(0, depth).join('/'));
  }
  return [...all];
}

export function anyMatch(pattern: string, paths: readonly string[], extended: boolean): boolean {
  const cleaned = pattern.replace(/^(\.\/)+/, '');
  const regExp = globToRegExp(cleaned, extended);
  return paths.some((path) => regExp.test(path));
}
