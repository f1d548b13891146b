// The `globOrRegexMatch` function of Argo CD's model, in its two modes
// (`policy.matchMode` in argocd-rbac-cm): glob (the default) or regex.
import { compileGlob, globMatch } from '@driftless/glob';

export type MatchMode = 'glob' | 'regex';

/** Thrown by the regex matcher for a pattern that does not compile; the enforcer then denies the request. */
export class InvalidPatternError extends Error {
  constructor(
    readonly pattern: string,
    cause: unknown,
  ) {
    super(`invalid regular expression in policy: ${pattern}`, { cause });
    this.name = 'InvalidPatternError';
  }
}

const REGEX_CACHE_LIMIT = 10_000;
const regexCache = new Map<string, RegExp | InvalidPatternError>();

/**
 * Regex mode as casbin's RegexMatchFunc: the pattern is searched for anywhere in
 * the value (anchor it with ^…$ to match the whole value). A pattern that does
 * not compile fails the whole request, as it does in Argo CD (where the Go
 * matcher panics and casbin reports an error, which Argo CD treats as "deny").
 */
export function regexMatch(value: string, pattern: string): boolean {
  let regex = regexCache.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern);
    } catch (error) {
      regex = new InvalidPatternError(pattern, error);
    }
    if (regexCache.size >= REGEX_CACHE_LIMIT) regexCache.clear();
    regexCache.set(pattern, regex);
  }
  if (regex instanceof InvalidPatternError) throw regex;
  return regex.test(value);
}

/** The matcher for a mode: `(value, pattern) => boolean`. */
export function matcherFor(mode: MatchMode): (value: string, pattern: string) => boolean {
  return mode === 'regex' ? regexMatch : (value, pattern) => globMatch(pattern, value);
}

/** Whether a pattern compiles in the given mode (for validation). */
export function patternProblem(mode: MatchMode, pattern: string): string | undefined {
  if (mode === 'glob')
    return compileGlob(pattern) !== null ? undefined : `malformed glob pattern ${JSON.stringify(pattern)}`;
  try {
    new RegExp(pattern);
    return undefined;
  } catch {
    return `malformed regular expression ${JSON.stringify(pattern)}`;
  }
}
