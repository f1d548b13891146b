// Wildcard patterns of manifests (`*` matches any run of characters, all else
// literal) and how specific a pattern is, so `apps/Deployment` beats `apps/*`.

const cache = new Map<string, RegExp>();

export function matchesPattern(pattern: string, value: string): boolean {
  let regex = cache.get(pattern);
  if (!regex) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${source}$`);
    cache.set(pattern, regex);
  }
  return regex.test(value);
}

/** Literal characters count; a pattern without wildcards ranks above any with one. */
export function specificity(pattern: string): number {
  const wildcards = pattern.split('*').length - 1;
  return (wildcards === 0 ? 10_000 : 0) + pattern.length - wildcards;
}
