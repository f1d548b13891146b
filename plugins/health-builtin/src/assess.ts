// The health of one object, with Argo CD's precedence: an object being deleted
// is Progressing "Pending deletion" (unless a hook finalizer holds it); then a
// user's Lua override for its kind; then the built-in rule for its kind; then,
// only if asked for, the generic conditions rule. No rule: no health
// (undefined). Any failure is Unknown with its cause, never an exception.
import type { LuaCustomizations } from '@driftless/lua-health';
import { HOOK_FINALIZER } from './hooks';
import { health, type HealthStatus } from './health-status';
import type { HealthRule } from './health-rule';
import { metadataOf, text, type KubeObject } from './object-fields';
import { genericConditionsHealth } from './rules/generic-conditions';
import { BUILTIN_HEALTH_RULES } from './rules';

export interface AssessOptions {
  /** argocd-cm `resource.customizations.health.*` scripts. */
  customizations?: LuaCustomizations;
  /** Judge kinds without a rule by their Ready/Stalled/Reconciling conditions (default off, as Argo CD). */
  genericConditions?: boolean;
  /** Replace the built-in rule table (tests, or a plugin covering fewer kinds). */
  rules?: ReadonlyMap<string, HealthRule>;
}

export function assessResourceHealth(obj: unknown, options: AssessOptions = {}): HealthStatus | undefined {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    return health('Unknown', 'not a Kubernetes object: expected a mapping with apiVersion and kind');
  }
  const object = obj as KubeObject;
  try {
    const metadata = metadataOf(object);
    const finalizers: unknown = metadata.finalizers;
    if (metadata.deletionTimestamp && !(Array.isArray(finalizers) && finalizers.includes(HOOK_FINALIZER))) {
      return health('Progressing', 'Pending deletion');
    }
    const override = options.customizations?.assessHealth(object);
    if (override !== undefined) return override;
    const rule = (options.rules ?? BUILTIN_HEALTH_RULES).get(ruleKey(object));
    if (rule !== undefined) return rule(object);
    return options.genericConditions ? genericConditionsHealth(object) : undefined;
  } catch (error) {
    return health('Unknown', `health check failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Assesses every object; one object's failure never stops the batch. */
export function assessHealthBatch(
  objects: readonly unknown[],
  options: AssessOptions = {},
): (HealthStatus | undefined)[] {
  return objects.map((obj) => assessResourceHealth(obj, options));
}

function ruleKey(obj: KubeObject): string {
  const apiVersion = text(obj.apiVersion);
  const slash = apiVersion.indexOf('/');
  const kind = text(obj.kind);
  return slash === -1 ? kind : `${apiVersion.slice(0, slash)}/${kind}`;
}
