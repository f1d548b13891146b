// @driftless/lua-health: runs Argo CD Lua health checks and resource actions in a
// sandboxed Lua VM (fengari, with Lua 5.1 behaviour where Argo CD's gopher-lua
// differs from 5.3), and reads their configuration from argocd-cm. Pure: no I/O
// and no Node APIs, so it can be bundled into a plugin isolate.
export * from './health-status';
export * from './errors';
export * from './customizations';
export * from './lua-customizations';
export * from './object-identity';
export { LuaScript, DEFAULT_LUA_LIMITS, type LuaLimits, type LuaScriptOptions } from './lua-sandbox';
export { LuaScriptCache } from './script-cache';
export { runHealthScript, INVALID_HEALTH_STATUS_MESSAGE } from './health-script';
export {
  runActionDiscovery,
  runResourceAction,
  restoreEmptyMaps,
  type ResourceAction,
  type ResourceActionParam,
  type ImpactedResource,
  type ImpactedOperation,
} from './action-script';
export { DEFAULT_INPUT_LIMITS, type InputLimits, type JsonValue } from './lua-values';
export { formatLuaNumber } from './number-format';
export { globMatch } from './glob';
