// The sandboxed plugin: the entry `driftless-plugin build --entry src/plugin.ts`
// bundles into dist/plugin.bundle.js. The host routes it the kinds its manifest
// lists (package.json `driftless.contributes.health`) and every object that
// has a user Lua override in argocd-cm, a batch per call; `null` is "no
// health" (Argo CD's nil).
import { defineHealthPlugin } from '@driftless/plugin-sdk';
import { LuaCustomizations } from '@driftless/lua-health';
import { assessHealthBatch } from './assess';

// The overrides change rarely; compiling them once per distinct text keeps a
// batch's cost in running the scripts, not in parsing argocd-cm again.
let cached: { text: string; customizations: LuaCustomizations } | undefined;

function customizationsFor(overrides: Record<string, string> | undefined): LuaCustomizations | undefined {
  if (!overrides || Object.keys(overrides).length === 0) return undefined;
  const text = JSON.stringify(overrides);
  if (cached?.text !== text)
    cached = { text, customizations: LuaCustomizations.fromConfigMap({ data: overrides }).customizations };
  return cached.customizations;
}

export default defineHealthPlugin({
  assess({ objects, resourceOverrides }) {
    const customizations = customizationsFor(resourceOverrides);
    return {
      results: assessHealthBatch(objects, customizations ? { customizations } : {}).map((health) => health ?? null),
    };
  },
});
