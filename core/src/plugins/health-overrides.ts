// Which objects have user Lua health checks or actions in argocd-cm, so the
// host can route them to the plugin that applies overrides. Parsed once per distinct
// set of entries; the scripts themselves run in the sandbox, never here.
import { LuaCustomizations } from '@driftless/lua-health';

export class HealthOverrideIndex {
  private cached: { text: string; customizations: LuaCustomizations } | undefined;

  /** The parsed overrides, or undefined when there are none. */
  for(resourceOverrides: Record<string, string> | undefined): LuaCustomizations | undefined {
    if (!resourceOverrides || Object.keys(resourceOverrides).length === 0) return undefined;
    const text = JSON.stringify(resourceOverrides);
    if (this.cached?.text !== text) {
      this.cached = {
        text,
        customizations: LuaCustomizations.fromConfigMap({ data: resourceOverrides }).customizations,
      };
    }
    return this.cached.customizations;
  }
}
