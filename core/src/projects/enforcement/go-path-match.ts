// Go's path/filepath.Match, which Argo CD uses (not gobwas) for the group, kind and name of the
// AppProject resource lists: `*` is any run of non-`/` characters, `?` one non-`/` character,
// `[a-z]` / `[^a-z]` a class (`^` negates, not `!`), `\` escapes. No `{a,b}`. A malformed pattern
// is an error in Go, which Argo CD treats as "no match".

export function compilePathMatch(pattern: string): RegExp | null {
  const chars = Array.from(pattern);
  let source = '';
  for (let index = 0; index < chars.length;) {
    const char = chars[index] as string;
    index += 1;
    if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '\\') {
      const next = chars[index];
      if (next === undefined) return null;
      index += 1;
      source += escapeRegex(next);
    } else if (char === '[') {
      const cls = translateClass(chars, index);
      if (cls === null) return null;
      source += cls.source;
      index = cls.next;
    } else {
      source += escapeRegex(char);
    }
  }
  return new RegExp(`^${source}$`, 'su');
}

/** Go's class grammar: a `]` right after `[` or `[^` is an error, as are `-` and `]` as range ends. */
function translateClass(chars: string[], start: number): { source: string; next: number } | null {
  let index = start;
  const negated = chars[index] === '^';
  if (negated) index += 1;
  const ranges: [string, string][] = [];
  for (;;) {
    if (chars[index] === ']' && ranges.length > 0) {
      index += 1;
      break;
    }
    const low = classChar(chars, index);
    if (low === null) return null;
    index = low.next;
    let high = low;
    if (chars[index] === '-') {
      const parsed = classChar(chars, index + 1);
      if (parsed === null) return null;
      high = parsed;
      index = parsed.next;
    }
    ranges.push([low.char, high.char]);
  }
  // Go accepts a reversed range (z-a); it simply never matches.
  const body = ranges
    .filter(([low, high]) => (low.codePointAt(0) ?? 0) <= (high.codePointAt(0) ?? 0))
    .map(([low, high]) => (low === high ? escapeClassChar(low) : `${escapeClassChar(low)}-${escapeClassChar(high)}`))
    .join('');
  if (body === '') return { source: negated ? '.' : '(?!)', next: index };
  return { source: negated ? `[^${body}]` : `[${body}]`, next: index };
}

/** Go's getEsc: one (possibly escaped) character that must be followed by more pattern. */
function classChar(chars: string[], index: number): { char: string; next: number } | null {
  let position = index;
  let char = chars[position];
  if (char === undefined || char === '-' || char === ']') return null;
  if (char === '\\') {
    position += 1;
    char = chars[position];
    if (char === undefined) return null;
  }
  position += 1;
  if (position >= chars.length) return null;
  return { char, next: position };
}

function escapeRegex(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/u.test(char) ? `\\${char}` : char;
}

function escapeClassChar(char: string): string {
  return /[\\\]^[-]/u.test(char) ? `\\${char}` : char;
}
