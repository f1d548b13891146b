// argocd-cm resource actions for one call: discovery and run, with the
// customizations compiled once per distinct set of argocd-cm entries.
import { LuaCustomizations, type ImpactedResource, type JsonValue, type ResourceAction } from '@driftless/lua-health';

let cached: { text: string; customizations: LuaCustomizations } | undefined;

function customizationsFor(overrides: Record<string, string> | undefined): LuaCustomizations {
  const text = JSON.stringify(overrides ?? {});
  if (cached?.text !== text)
    cached = { text, customizations: LuaCustomizations.fromConfigMap({ data: overrides ?? {} }).customizations };
  return cached.customizations;
}

/** The actions argocd-cm defines for the object's kind; none when it defines none. */
export function listActions(object: unknown, overrides: Record<string, string> | undefined): ResourceAction[] {
  return customizationsFor(overrides).discoverActions(object) ?? [];
}

/** Runs one action; throws (with the Lua error) when it is unknown or fails. */
export function runAction(
  object: Record<string, JsonValue>,
  action: string,
  parameters: Record<string, string>,
  overrides: Record<string, string> | undefined,
): ImpactedResource[] {
  return customizationsFor(overrides).runAction(object, action, parameters);
}
