// Glob matching as Argo CD applies it to `resource.customizations` keys
// (gobwas/glob without separators): `*` any run of characters (including "/"),
// `?` one character, `[abc]` / `[!a-z]` classes, `{a,b}` alternatives.

const compiled = new Map<string, RegExp>();

export function globMatch(pattern: string, value: string): boolean {
  let expression = compiled.get(pattern);
  if (expression === undefined) {
    expression = new RegExp(`^${globToRegExpSource(pattern)}$`, 's');
    compiled.set(pattern, expression);
  }
  return expression.test(value);
}

export function isGlobPattern(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

function globToRegExpSource(pattern: string): string {
  let source = '';
  let braceDepth = 0;
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const end = pattern.indexOf(']', index + 1);
      if (end === -1) {
        source += '\\[';
        continue;
      }
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
      source += escapeRegExp(pattern.charAt(index));
    } else source += escapeRegExp(char);
  }
  return source + ')'.repeat(braceDepth);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
