/** Paths into a document: as segments internally, as a JSON path string in issues. */

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `['spec', 'sources', 0, 'helm']` → `spec.sources[0].helm`; odd names become `["a/b"]`. */
export function formatPath(path: Path): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * Splits an RFC 6901 pointer (ajv's instancePath) into segments. A token becomes an index where
 * `document` has an array at that point (or, without a document, where the token is all digits).
 */
export function parsePointer(pointer: string, document?: unknown): PathSegment[] {
  if (pointer === '') return [];
  const segments: PathSegment[] = [];
  let node: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const isIndex = document === undefined ? /^(0|[1-9][0-9]*)$/.test(token) : Array.isArray(node);
    const segment: PathSegment = isIndex ? Number(token) : token;
    segments.push(segment);
    node = node !== null && typeof node === 'object' ? (node as Record<PathSegment, unknown>)[segment] : undefined;
  }
  return segments;
}
