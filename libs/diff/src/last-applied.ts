// Reads `kubectl.kubernetes.io/last-applied-configuration` from a live object. Parsing a
// Deployment's annotation costs more than comparing it, so the result is cached per live object:
// informer caches hand out the same object until it changes.
import { isJsonObject, type JsonObject } from './json';
import { annotationsOf, type KubeObject } from './resource-key';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

type Parsed = { ok: true; value: JsonObject | undefined } | { ok: false; error: string };
const cache = new WeakMap<KubeObject, Parsed>();

export function readLastApplied(live: KubeObject): Parsed {
  const cached = cache.get(live);
  if (cached) return cached;
  const text = annotationsOf(live)[LAST_APPLIED_ANNOTATION];
  let parsed: Parsed = { ok: true, value: undefined };
  if (text !== undefined && text !== '') {
    try {
      const value: unknown = JSON.parse(text);
      parsed = isJsonObject(value) ? { ok: true, value } : { ok: false, error: 'it is not a JSON object' };
    } catch (error) {
      parsed = { ok: false, error: (error as Error).message };
    }
  }
  cache.set(live, parsed);
  return parsed;
}
