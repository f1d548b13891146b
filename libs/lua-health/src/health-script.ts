// Runs an Argo CD health.lua: the script sees the object as the global `obj` and
// returns a table `{ status = "...", message = "..." }` (the `hs` contract).
// Failures throw LuaScriptError; callers turn them into an Unknown status.
import { lua, type LuaState } from 'fengari';
import { LuaScriptError } from './errors';
import { isHealthStatusCode, type HealthStatus } from './health-status';
import { LuaScript } from './lua-sandbox';
import { readLuaValue } from './lua-values';

/** Argo CD's message when a script returns a status outside the six codes. */
export const INVALID_HEALTH_STATUS_MESSAGE = 'Lua returned an invalid health status';

export function runHealthScript(script: LuaScript, obj: unknown): HealthStatus {
  return script.run({ obj }, readHealthResult);
}

function readHealthResult(L: LuaState): HealthStatus {
  const type = lua.lua_type(L, -1);
  if (type !== lua.LUA_TTABLE) {
    throw new LuaScriptError('LUA_RESULT', `expect table output from Lua script, not ${luaTypeName(type)}`);
  }
  const value = readLuaValue(L, -1);
  if (Array.isArray(value)) {
    // An empty table encodes as [] (gopher-json): no status at all.
    if (value.length === 0) return { status: 'Unknown', message: INVALID_HEALTH_STATUS_MESSAGE };
    throw new LuaScriptError('LUA_RESULT', 'expect a table with status and message from Lua script, not an array');
  }
  if (value === null || typeof value !== 'object') {
    throw new LuaScriptError('LUA_RESULT', 'expect table output from Lua script');
  }
  const { status, message } = value;
  if (status !== undefined && status !== null && typeof status !== 'string') {
    throw new LuaScriptError('LUA_RESULT', `health status returned by Lua must be a string, not ${typeof status}`);
  }
  if (message !== undefined && message !== null && typeof message !== 'string') {
    throw new LuaScriptError('LUA_RESULT', `health message returned by Lua must be a string, not ${typeof message}`);
  }
  if (!isHealthStatusCode(status)) return { status: 'Unknown', message: INVALID_HEALTH_STATUS_MESSAGE };
  return typeof message === 'string' && message !== '' ? { status, message } : { status };
}

const TYPE_NAMES = ['nil', 'boolean', 'userdata', 'number', 'string', 'table', 'function', 'userdata', 'thread'];

export function luaTypeName(type: number): string {
  return TYPE_NAMES[type] ?? 'unknown';
}
