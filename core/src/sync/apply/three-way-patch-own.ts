// Field lookup for parsed JSON. Manifests are plain objects, so `object[field]` for a field named
// `constructor` or `toString` would find Object.prototype's function instead of "absent".
import type { JsonObject, JsonValue } from '@driftless/diff';

export function own(object: JsonObject | undefined, field: string): JsonValue | undefined {
  return object !== undefined && Object.hasOwn(object, field) ? object[field] : undefined;
}
