// Masks Secret data (and annotations listed in `resource.sensitive.mask.annotations`) the way
// Argo CD does: per key, each distinct value across desired, live and last-applied gets its own
// run of `+` (8, 12, 16, …), so equal values stay equal and different ones differ, and a diff
// never shows a secret. Masking happens before comparison, so the comparison sees masks only.
import { getIn, isJsonObject, updateIn, type JsonObject, type JsonValue } from './json';

const FIRST_MASK = '++++++++';
const MASK_STEP = '++++';

function textOf(value: JsonValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Masks `keys` (all keys when undefined) of the map at `path` in each object. */
export function maskMapValues(
  objects: ReadonlyArray<JsonObject | undefined>,
  path: readonly string[],
  keys?: readonly string[],
): Array<JsonObject | undefined> {
  const maps = objects.map((object) => {
    const map = object === undefined ? undefined : getIn(object, path);
    return isJsonObject(map) ? map : undefined;
  });
  const names = new Set<string>();
  for (const map of maps) {
    if (!map) continue;
    for (const name of Object.keys(map)) if (keys === undefined || keys.includes(name)) names.add(name);
  }
  if (names.size === 0) return [...objects];
  const maskedMaps = maps.map((map) => (map ? { ...map } : undefined));
  for (const name of names) {
    const replacements = new Map<string, string>();
    let next = FIRST_MASK;
    for (const map of maskedMaps) {
      if (!map || !(name in map)) continue;
      const text = textOf(map[name] as JsonValue);
      let mask = replacements.get(text);
      if (mask === undefined) {
        mask = next;
        next += MASK_STEP;
        replacements.set(text, mask);
      }
      map[name] = mask;
    }
  }
  return objects.map((object, index) => {
    const masked = maskedMaps[index];
    return object === undefined || masked === undefined ? object : updateIn(object, path, () => masked);
  });
}
