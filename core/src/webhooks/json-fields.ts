// Typed reads from untrusted JSON: every accessor checks the type it returns and reads own
// properties only, so a payload with `null`, a number where a string belongs or a `__proto__`
// key yields "absent" instead of a crash or a prototype value.

type Key = string | number;

/** The value at `path`, or undefined when any step is missing or of the wrong shape. */
export function valueAt(root: unknown, ...path: Key[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(current) || key >= current.length) return undefined;
      current = current[key];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
      if (!Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
  }
  return current;
}

/** A non-empty string at `path`. */
export function stringAt(root: unknown, ...path: Key[]): string | undefined {
  const value = valueAt(root, ...path);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function arrayAt(root: unknown, ...path: Key[]): unknown[] | undefined {
  const value = valueAt(root, ...path);
  return Array.isArray(value) ? value : undefined;
}

/** The strings of the array at `path`; other elements are skipped. */
export function stringsAt(root: unknown, ...path: Key[]): string[] {
  return (arrayAt(root, ...path) ?? []).filter((item): item is string => typeof item === 'string' && item !== '');
}

/**
 * Files the `commits[]` of a GitHub, GitLab or Gogs payload touched. Undefined when no commit
 * lists any file (the payload does not say), or when `complete` is false (the provider cut the
 * list short): then the caller refreshes every matching app, as Argo CD does for an empty list.
 */
export function changedFilesOfCommits(commits: unknown, complete = true): string[] | undefined {
  if (!complete || !Array.isArray(commits)) return undefined;
  const files = new Set<string>();
  for (const commit of commits)
    for (const list of ['added', 'modified', 'removed']) for (const file of stringsAt(commit, list)) files.add(file);
  return files.size > 0 ? [...files] : undefined;
}

/** Parses a JSON document; undefined when it is not JSON. */
export function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
