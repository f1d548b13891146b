// Glob matching with the syntax Argo CD's util/glob accepts (gobwas/glob without separators):
// `*` any run of characters, `?` one character, `[abc]`/`[a-z]`/`[!a]` classes, `{a,b}` alternatives.
const compiled = new Map<string, RegExp | null>();

function toRegExp(pattern: string): RegExp | null {
  let source = '';
  let braceDepth = 0;
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] as string;
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const end = pattern.indexOf(']', index + 1);
      if (end < 0) return null;
      let body = pattern.slice(index + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\/g, '\\\\')}]`;
      index = end;
    } else if (char === '{') {
      braceDepth += 1;
      source += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth -= 1;
      source += ')';
    } else if (char === ',' && braceDepth > 0) source += '|';
    else if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      source += (pattern[index] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  if (braceDepth !== 0) return null;
  try {
    return new RegExp(`^${source}$`, 's');
  } catch {
    return null;
  }
}

/** Like Argo CD's glob.Match: a pattern that does not compile is compared literally. */
export function globMatch(pattern: string, text: string): boolean {
  if (pattern === text) return true;
  let regExp = compiled.get(pattern);
  if (regExp === undefined) {
    regExp = toRegExp(pattern);
    compiled.set(pattern, regExp);
  }
  return regExp === null ? false : regExp.test(text);
}
