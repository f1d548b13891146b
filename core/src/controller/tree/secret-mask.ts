// Hides Secret values in the target and live objects the API shows, as Argo
// CD's HideSecretData does: stringData is folded into data (base64), then for
// each data key every distinct value across target, live and the live
// object's last-applied configuration gets its own run of `+` (8, 12, 16, …)
// whatever its length — equal values keep equal masks, different ones differ,
// and no value can be read back. The last-applied annotation of live is
// replaced by its masked copy. Annotations named in argocd-cm
// `resource.sensitive.mask.annotations` are masked the same way on any kind.
// Pure; the inputs are not modified.
import { LAST_APPLIED_ANNOTATION } from '@driftless/diff';
import { type LiveObject } from '../live-state/cached-object';

const FIRST_MASK = '++++++++';
const MASK_STEP = '++++';

type Json = Record<string, unknown>;

export function hideSecretData(
  target: LiveObject | undefined,
  live: LiveObject | undefined,
  maskedAnnotations: readonly string[] = [],
): { target: LiveObject | undefined; live: LiveObject | undefined } {
  const secret = (target ?? live)?.kind === 'Secret' && groupOf((target ?? live)?.apiVersion) === '';
  if (!secret && maskedAnnotations.length === 0) return { target, live };
  const lastApplied = live ? readLastApplied(live) : undefined;
  let objects = [target, live, lastApplied].map((object) => (object ? structuredClone(object) : undefined));
  if (secret) {
    objects = objects.map((object) => (object ? foldStringData(object) : undefined));
    maskValues(objects.map((object) => object as Json | undefined).map((object) => asMap(object?.data)));
  }
  if (maskedAnnotations.length > 0)
    maskValues(
      objects.map((object) => asMap(object?.metadata?.annotations)),
      maskedAnnotations,
    );
  const [maskedTarget, maskedLive, maskedLastApplied] = objects;
  if (maskedLive && live && lastAppliedText(live) !== undefined) {
    const annotations = { ...(maskedLive.metadata?.annotations ?? {}) };
    annotations[LAST_APPLIED_ANNOTATION] = maskedLastApplied ? JSON.stringify(maskedLastApplied) : FIRST_MASK;
    maskedLive.metadata = { ...maskedLive.metadata, annotations };
  }
  return { target: maskedTarget, live: maskedLive };
}

/** Replaces, in place, the values of `keys` (every key when undefined) of each map. */
function maskValues(maps: (Json | undefined)[], keys?: readonly string[]): void {
  const names = new Set<string>();
  for (const map of maps) for (const name of Object.keys(map ?? {})) if (!keys || keys.includes(name)) names.add(name);
  for (const name of names) {
    const masks = new Map<string, string>();
    let next = FIRST_MASK;
    for (const map of maps) {
      if (!map || !(name in map)) continue;
      const value = map[name];
      const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
      let mask = masks.get(text);
      if (mask === undefined) {
        masks.set(text, (mask = next));
        next += MASK_STEP;
      }
      map[name] = mask;
    }
  }
}

/** The API server merges stringData into data as base64; masks must compare what it stores. */
function foldStringData(object: LiveObject): LiveObject {
  const stringData = asMap(object.stringData);
  if (!stringData) return object;
  const data: Json = { ...(asMap(object.data) ?? {}) };
  for (const [name, value] of Object.entries(stringData))
    data[name] = Buffer.from(typeof value === 'string' ? value : String(value)).toString('base64');
  const { stringData: _dropped, ...rest } = object;
  return { ...rest, data };
}

function lastAppliedText(live: LiveObject): string | undefined {
  return live.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
}

function readLastApplied(live: LiveObject): LiveObject | undefined {
  const text = lastAppliedText(live);
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return asMap(parsed);
  } catch {
    return undefined;
  }
}

function asMap(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function groupOf(apiVersion: string | undefined): string {
  const slash = (apiVersion ?? '').indexOf('/');
  return slash < 0 ? '' : (apiVersion ?? '').slice(0, slash);
}
