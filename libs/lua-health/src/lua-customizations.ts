// The argocd-cm health and action customizations, ready to run. Lookup follows
// Argo CD: a health script is taken from the exact `group/Kind` key, else from
// the first glob key (in sorted order, so the choice is stable) that matches and
// has a script; actions come from the exact key only.
import {
  configMapData,
  parseResourceCustomizations,
  type ResourceActionsConfig,
  type ResourceOverride,
  type ResourceOverrides,
} from './customizations';
import { LuaScriptError } from './errors';
import { globMatch, isGlobPattern } from './glob';
import { runHealthScript } from './health-script';
import type { HealthStatus } from './health-status';
import type { LuaLimits } from './lua-sandbox';
import { groupKindOf, overrideKeyOf } from './object-identity';
import { LuaScriptCache } from './script-cache';
import { runActionDiscovery, runResourceAction, type ImpactedResource, type ResourceAction } from './action-script';
import type { JsonValue } from './lua-values';

export interface HealthScriptRef {
  /** The customization key that supplied the script (may be a glob). */
  key: string;
  source: string;
  useOpenLibs: boolean;
}

export class LuaCustomizations {
  private readonly globKeys: string[];
  private readonly scripts: LuaScriptCache;

  constructor(
    readonly overrides: ResourceOverrides,
    limits: Partial<LuaLimits> = {},
  ) {
    this.globKeys = [...overrides.keys()].filter(isGlobPattern).sort();
    this.scripts = new LuaScriptCache(limits);
  }

  /** From argocd-cm (the ConfigMap object). Warnings are returned, not thrown. */
  static fromConfigMap(
    configMap: unknown,
    limits: Partial<LuaLimits> = {},
  ): { customizations: LuaCustomizations; warnings: string[] } {
    const { overrides, warnings } = parseResourceCustomizations(configMapData(configMap));
    return { customizations: new LuaCustomizations(overrides, limits), warnings };
  }

  healthScriptFor(obj: unknown): HealthScriptRef | undefined {
    const key = overrideKeyOf(groupKindOf(obj));
    const exact = this.overrides.get(key);
    if (exact?.healthLua) return { key, source: exact.healthLua, useOpenLibs: exact.useOpenLibs };
    for (const pattern of this.globKeys) {
      const override = this.overrides.get(pattern);
      if (override?.healthLua && globMatch(pattern, key)) {
        return { key: pattern, source: override.healthLua, useOpenLibs: override.useOpenLibs };
      }
    }
    return undefined;
  }

  /**
   * The health an override script gives `obj`; undefined when no script is
   * configured for its kind. Never throws: any failure is Unknown with the cause.
   */
  assessHealth(obj: unknown): HealthStatus | undefined {
    const ref = this.healthScriptFor(obj);
    if (ref === undefined) return undefined;
    try {
      return runHealthScript(this.scripts.get(ref.source, ref.useOpenLibs), obj);
    } catch (error) {
      return { status: 'Unknown', message: describeFailure(error) };
    }
  }

  /** The override for `obj`'s exact kind, if any. */
  overrideFor(obj: unknown): ResourceOverride | undefined {
    return this.overrides.get(overrideKeyOf(groupKindOf(obj)));
  }

  /** undefined when no actions are configured for `obj`'s kind; throws LuaScriptError on failure. */
  discoverActions(obj: unknown): ResourceAction[] | undefined {
    const actions = this.actionsFor(obj);
    if (actions === undefined) return undefined;
    return runActionDiscovery(this.scripts.get(actions.discoveryLua, false), obj);
  }

  /** Runs the named action; throws LuaScriptError if it is unknown or fails. */
  runAction(
    obj: Record<string, JsonValue>,
    actionName: string,
    params: Record<string, string> = {},
  ): ImpactedResource[] {
    const actions = this.actionsFor(obj);
    const definition = actions?.definitions.find((candidate) => candidate.name === actionName);
    if (definition === undefined) {
      const key = overrideKeyOf(groupKindOf(obj));
      throw new LuaScriptError(
        'LUA_RUNTIME',
        `action "${actionName}" is not defined for ${key} in resource.customizations.actions`,
      );
    }
    return runResourceAction(this.scripts.get(definition.actionLua, false), obj, params);
  }

  private actionsFor(obj: unknown): ResourceActionsConfig | undefined {
    const actions = this.overrideFor(obj)?.actions;
    if (actions === undefined) return undefined;
    if ('error' in actions) throw new LuaScriptError('LUA_SYNTAX', actions.error);
    return actions;
  }
}

export function describeFailure(error: unknown): string {
  if (error instanceof LuaScriptError) return error.message;
  return `health check failed: ${error instanceof Error ? error.message : String(error)}`;
}
