/**
 * The API server drops object fields whose value is null (unless the schema says nullable) before
 * it validates a custom resource, so `syncPolicy:` with nothing after it is the same as leaving
 * syncPolicy out. The validator does the same, on a copy.
 */
export function pruneNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneNulls);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child !== null) copy[key] = pruneNulls(child);
  }
  return copy;
}
