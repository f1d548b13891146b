// Dotted JSON paths (.spec.replicas) as used by scale subresources and printer columns.
import { isPlainObject, type JsonObject } from '../store/kube-object';

export function readPath(object: unknown, dottedPath: string): unknown {
  let current: unknown = object;
  for (const segment of dottedPath.replace(/^\./, '').split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

export function writePath(object: JsonObject, dottedPath: string, value: unknown): void {
  const segments = dottedPath.replace(/^\./, '').split('.');
  let current: JsonObject = object;
  for (const segment of segments.slice(0, -1)) {
    if (!isPlainObject(current[segment])) current[segment] = {};
    current = current[segment] as JsonObject;
  }
  current[segments[segments.length - 1] ?? ''] = value;
}
