// Glob patterns with the syntax of github.com/gobwas/glob, which Argo CD's
// RBAC uses without separators: `*` matches any run of characters including
// `/`, `?` one character, `[abc]` / `[a-z]` / `[!abc]` a class, `{a,b}` any of
// the alternatives, and `\` escapes the next character. Everything else is
// literal and matching is case-sensitive. A malformed pattern matches nothing.

const CACHE_LIMIT = 10_000;
const compiled = new Map<string, RegExp | null>();

export function globMatch(pattern: string, text: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = compileGlob(pattern);
    // Patterns come from policy text, so the set is small; the bound only
    // protects against a policy that keeps changing.
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex !== null && regex.test(text);
}

/**
 * The pattern as an anchored RegExp, or `null` when it is malformed. With a
 * `separator` (gobwas `glob.Compile(pattern, '/')`, as Argo CD compiles
 * project sourceRepos), `*` and `?` stop at it and `**` crosses it; classes
 * ignore it, as in gobwas.
 */
export function compileGlob(pattern: string, separator?: string): RegExp | null {
  const chars = Array.from(pattern);
  const state = { position: 0, separator: separator === undefined ? undefined : escapeClassChar(separator) };
  const source = translate(chars, state, false);
  if (source === null || state.position !== chars.length) return null;
  return new RegExp(`^(?:${source})$`, 'su');
}

/** Translates until the end, or (inside braces) until the `,` or `}` that ends an alternative. */
interface TranslateState {
  position: number;
  /** The separator, escaped for a character class; undefined: none. */
  separator: string | undefined;
}

function translate(chars: string[], state: TranslateState, inBraces: boolean): string | null {
  let out = '';
  while (state.position < chars.length) {
    const char = chars[state.position] as string;
    if (inBraces && (char === ',' || char === '}')) return out;
    state.position += 1;
    switch (char) {
      case '*': {
        const superAsterisk = chars[state.position] === '*';
        if (superAsterisk) state.position += 1;
        out += superAsterisk || state.separator === undefined ? '.*' : `[^${state.separator}]*`;
        break;
      }
      case '?':
        out += state.separator === undefined ? '.' : `[^${state.separator}]`;
        break;
      case '\\': {
        const next = chars[state.position];
        if (next === undefined) return null;
        state.position += 1;
        out += escapeRegex(next);
        break;
      }
      case '[': {
        const cls = translateClass(chars, state);
        if (cls === null) return null;
        out += cls;
        break;
      }
      case '{': {
        const alternatives: string[] = [];
        for (;;) {
          const alternative = translate(chars, state, true);
          if (alternative === null) return null;
          alternatives.push(alternative);
          const end = chars[state.position];
          state.position += 1;
          if (end === '}') break;
          if (end !== ',') return null;
        }
        out += `(?:${alternatives.join('|')})`;
        break;
      }
      default:
        out += escapeRegex(char);
    }
  }
  return inBraces ? null : out;
}

function translateClass(chars: string[], state: TranslateState): string | null {
  let negated = false;
  if (chars[state.position] === '!') {
    negated = true;
    state.position += 1;
  }
  let body = '';
  let empty = true;
  while (state.position < chars.length) {
    const char = chars[state.position] as string;
    state.position += 1;
    if (char === ']') {
      if (empty) return null;
      return negated ? `[^${body}]` : `[${body}]`;
    }
    empty = false;
    const dash = chars[state.position];
    const upper = chars[state.position + 1];
    if (dash === '-' && upper !== undefined && upper !== ']') {
      if (upper < char) return null;
      body += `${escapeClassChar(char)}-${escapeClassChar(upper)}`;
      state.position += 2;
    } else {
      body += escapeClassChar(char);
    }
  }
  return null;
}

function escapeRegex(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/u.test(char) ? `\\${char}` : char;
}

function escapeClassChar(char: string): string {
  return /[\\\]^[-]/u.test(char) ? `\\${char}` : char;
}
