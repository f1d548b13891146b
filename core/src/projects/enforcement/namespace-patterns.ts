// Namespace lists as Argo CD's glob.MatchStringInList(…, REGEXP) reads them — used for
// AppProject sourceNamespaces and for the controller's application.namespaces setting.
// An entry wrapped in slashes (`/^team-.*$/`) is a regular expression searched anywhere in the
// namespace (unanchored, so anchor it yourself); every entry is also tried as a gobwas glob
// (`team-*`), the slashes included.
import { compileGlob } from '@driftless/glob';

export interface NamespacePatterns {
  readonly patterns: readonly string[];
  matches(namespace: string): boolean;
}

export function compileNamespacePatterns(patterns: readonly string[]): NamespacePatterns {
  const compiled = patterns.map((pattern) => ({ regex: compileRegex(pattern), glob: compileGlob(pattern) }));
  return {
    patterns,
    matches: (namespace) =>
      compiled.some(({ regex, glob }) => (regex?.test(namespace) ?? false) || (glob?.test(namespace) ?? false)),
  };
}

function compileRegex(pattern: string): RegExp | null {
  if (pattern.length < 2 || !pattern.startsWith('/') || !pattern.endsWith('/')) return null;
  try {
    // No flags: Argo CD's regexp2 follows .NET syntax, which is closer to plain JavaScript than to /u.
    return new RegExp(pattern.slice(1, -1));
  } catch {
    // Argo CD treats a regular expression that does not compile as "no match".
    return null;
  }
}
