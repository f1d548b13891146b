// Compares one desired manifest with its live object (either may be absent).
import { compareTrees, type FieldChange } from './compare-tree';
import { isBuiltInGroup } from './known-types';
import { LAST_APPLIED_ANNOTATION, readLastApplied } from './last-applied';
import { maskMapValues } from './mask';
import { ownedFieldPaths } from './managed-fields';
import { isSecret, normalizeForDiff, setAnnotation, type NormalizeContext } from './normalize';
import { annotationsOf, resourceKeyOf, type KubeObject } from './resource-key';
import { matchingIgnoreRules, type DiffConfig } from './settings';
import type { JsonObject } from './json';

export interface ResourceDiff {
  /** True when applying the desired manifest would change the live object (or create/delete it). */
  modified: boolean;
  /** Changed fields; empty when the object is created or pruned (the whole object changes). */
  changes: FieldChange[];
  /** Desired after normalization, Secret values masked; null when there is no desired manifest. */
  normalizedDesired: KubeObject | null;
  /** Live after normalization, Secret values masked; null when the object does not exist. */
  normalizedLive: KubeObject | null;
  /** What live would look like after apply (masked); null when the object would be pruned. */
  predictedLive: KubeObject | null;
  /** Ignore rules that could not run (they were skipped) and a last-applied annotation that could not be read. */
  warnings: string[];
}

function mask(
  key: ReturnType<typeof resourceKeyOf>,
  config: DiffConfig,
  objects: [JsonObject | undefined, JsonObject | undefined, JsonObject | undefined],
  hadLastApplied: boolean,
): [JsonObject | undefined, JsonObject | undefined, JsonObject | undefined] {
  const secret = isSecret(key);
  let masked: Array<JsonObject | undefined> = objects;
  if (secret) masked = maskMapValues(masked, ['data']);
  if (config.maskedAnnotations.length > 0) {
    masked = maskMapValues(masked, ['metadata', 'annotations'], config.maskedAnnotations);
  }
  const [desired, , lastApplied] = masked as [JsonObject | undefined, JsonObject | undefined, JsonObject | undefined];
  let live = masked[1];
  if (live && hadLastApplied && (secret || config.maskedAnnotations.length > 0)) {
    // The annotation holds the applied Secret in clear text: show the masked copy instead.
    live = setAnnotation(live, LAST_APPLIED_ANNOTATION, lastApplied ? JSON.stringify(lastApplied) : '++++++++');
  }
  return [desired, live, lastApplied];
}

/**
 * Normalizes, masks and compares. `desired` should already carry its effective namespace
 * (compareApp defaults it from the app destination).
 */
export function compareResource(desired: KubeObject | null, live: KubeObject | null, config: DiffConfig): ResourceDiff {
  const reference = desired ?? live;
  if (!reference) throw new TypeError('compareResource needs a desired or a live object');
  const key = resourceKeyOf(reference);
  const rules = matchingIgnoreRules(config, key);
  const managers = rules.flatMap((rule) => rule.managedFieldsManagers);
  const warnings = new Set<string>();
  const context: NormalizeContext = {
    key,
    config,
    rules,
    ownedFields: live && managers.length > 0 ? ownedFieldPaths(live, managers) : [],
    warnings,
  };

  let lastApplied: JsonObject | undefined;
  if (live && desired) {
    const parsed = readLastApplied(live);
    if (parsed.ok) lastApplied = parsed.value;
    else warnings.add(`${LAST_APPLIED_ANNOTATION} could not be read (${parsed.error}); compared two-way`);
  }
  const hadLastApplied = live !== null && annotationsOf(live)[LAST_APPLIED_ANNOTATION] !== undefined;
  const [normalizedDesired, normalizedLive, normalizedLastApplied] = mask(
    key,
    config,
    [
      desired ? normalizeForDiff(desired, context) : undefined,
      live ? normalizeForDiff(live, context) : undefined,
      lastApplied ? normalizeForDiff(lastApplied, context) : undefined,
    ],
    hadLastApplied,
  );

  const base = {
    normalizedDesired: normalizedDesired ?? null,
    normalizedLive: normalizedLive ?? null,
    warnings: [...warnings],
  };
  if (!normalizedDesired || !normalizedLive) {
    return { ...base, modified: true, changes: [], predictedLive: normalizedDesired ?? null };
  }
  const { predictedLive, changes } = compareTrees(
    normalizedDesired,
    normalizedLive,
    normalizedLastApplied,
    isBuiltInGroup(key.group),
    config.knownTypeFields.filter((known) => known.group === key.group && known.kind === key.kind),
  );
  return { ...base, modified: changes.length > 0, changes, predictedLive };
}
