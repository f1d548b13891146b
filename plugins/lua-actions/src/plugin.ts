// The sandboxed plugin. The host routes it every object whose kind has Lua
// actions in argocd-cm (the manifest declares `luaOverrides`); the scripts run
// in the isolate with the limits of @driftless/lua-health.
import { defineAction, type KubeObject } from '@driftless/plugin-sdk';
import { type JsonValue } from '@driftless/lua-health';
import { listActions, runAction } from './lua-actions';

export default defineAction({
  list({ object, resourceOverrides }) {
    return {
      actions: listActions(object, resourceOverrides).map((action) => ({
        name: action.name,
        disabled: action.disabled,
        ...(action.displayName !== undefined && { displayName: action.displayName }),
        ...(action.iconClass !== undefined && { iconClass: action.iconClass }),
        ...(action.params !== undefined && { params: action.params }),
      })),
    };
  },
  run({ object, action, parameters, resourceOverrides }) {
    const impacted = runAction(object as Record<string, JsonValue>, action, parameters, resourceOverrides);
    return { impacted: impacted.map(({ operation, resource }) => ({ operation, object: resource as KubeObject })) };
  },
});
