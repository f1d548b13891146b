// Go's filepath.Match on `/`-separated paths, which Argo CD applies to
// manifest-generate-paths entries: `*` and `?` match within one path segment,
// `[a-z]`/`[^a-z]` are classes, `\` escapes. A malformed pattern matches
// nothing. Matching goes segment by segment with one backtracking point per
// segment, so no input makes it slower than O(pattern × path).

export function pathPatternMatches(pattern: string, path: string): boolean {
  const patternSegments = pattern.split('/');
  const pathSegments = path.split('/');
  if (patternSegments.length !== pathSegments.length) return false;
  return patternSegments.every((segment, index) => segmentMatches(segment, pathSegments[index] ?? ''));
}

type Token =
  { kind: 'star' } | { kind: 'any' } | { kind: 'char'; char: string } | { kind: 'class'; test: (c: string) => boolean };

function segmentMatches(pattern: string, text: string): boolean {
  const tokens = tokenize(pattern);
  if (!tokens) return false;
  const chars = [...text];
  let t = 0;
  let c = 0;
  let starToken = -1;
  let starChar = 0;
  while (c < chars.length) {
    const token = tokens[t];
    if (token && token.kind !== 'star' && matchesOne(token, chars[c] ?? '')) {
      t += 1;
      c += 1;
    } else if (token?.kind === 'star') {
      starToken = t;
      starChar = c;
      t += 1;
    } else if (starToken >= 0) {
      t = starToken + 1;
      starChar += 1;
      c = starChar;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t += 1;
  return t === tokens.length;
}

function matchesOne(token: Exclude<Token, { kind: 'star' }>, char: string): boolean {
  if (token.kind === 'any') return true;
  if (token.kind === 'char') return token.char === char;
  return token.test(char);
}

/** The pattern's tokens, or undefined when it is malformed (Go's ErrBadPattern). */
function tokenize(pattern: string): Token[] | undefined {
  const chars = [...pattern];
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i] ?? '';
    if (char === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (char === '?') tokens.push({ kind: 'any' });
    else if (char === '\\') {
      i += 1;
      if (i >= chars.length) return undefined;
      tokens.push({ kind: 'char', char: chars[i] ?? '' });
    } else if (char === '[') {
      const parsed = parseClass(chars, i + 1);
      if (!parsed) return undefined;
      tokens.push({ kind: 'class', test: parsed.test });
      i = parsed.end;
    } else tokens.push({ kind: 'char', char });
  }
  return tokens;
}

/** A `[...]` class starting after the `[`; `end` is the index of its `]`. */
function parseClass(chars: string[], start: number): { test: (c: string) => boolean; end: number } | undefined {
  let i = start;
  const negated = chars[i] === '^';
  if (negated) i += 1;
  const ranges: [string, string][] = [];
  const readChar = (): string | undefined => {
    let char = chars[i];
    if (char === undefined || char === '-' || char === ']') return undefined;
    if (char === '\\') {
      i += 1;
      char = chars[i];
      if (char === undefined) return undefined;
    }
    i += 1;
    return char;
  };
  do {
    const low = readChar();
    if (low === undefined) return undefined;
    let high = low;
    if (chars[i] === '-') {
      i += 1;
      const upper = readChar();
      if (upper === undefined) return undefined;
      high = upper;
    }
    ranges.push([low, high]);
  } while (i < chars.length && chars[i] !== ']');
  if (chars[i] !== ']') return undefined;
  const test = (c: string): boolean => ranges.some(([low, high]) => low <= c && c <= high) !== negated;
  return { test, end: i };
}
