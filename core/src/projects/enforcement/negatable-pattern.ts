// One sourceRepos or destinations entry as Argo CD's globMatch reads it: a leading `!` makes it a
// deny pattern that "matches" whatever the rest does NOT match; a plain `*` matches everything
// (even across `/`); anything else is a glob. A malformed glob matches nothing, so its negation
// matches everything — as in Argo CD.

export interface NegatablePattern {
  readonly pattern: string;
  readonly deny: boolean;
  /** Argo CD's globMatch(pattern, value, allowNegation=true). */
  matches(value: string): boolean;
}

export function compileNegatablePattern(pattern: string, compile: (glob: string) => RegExp | null): NegatablePattern {
  if (pattern.startsWith('!')) {
    const inner = compile(pattern.slice(1));
    return { pattern, deny: true, matches: (value) => !(inner?.test(value) ?? false) };
  }
  if (pattern === '*') return { pattern, deny: false, matches: () => true };
  const regex = compile(pattern);
  return { pattern, deny: false, matches: (value) => regex?.test(value) ?? false };
}
