// Moving values between JavaScript and the Lua stack with the semantics Argo CD's
// scripts were written against: JSON objects become tables with string keys, JSON
// arrays become sequences from 1, every number is a float (Lua 5.1 has no
// integers), and results are read back the way gopher-json encodes them (an empty
// table is an empty array; keys must be all strings or exactly 1..n).
import { lua, to_luastring, type LuaState } from 'fengari';
import { LuaScriptError } from './errors';

export interface InputLimits {
  /** Approximate bytes of strings and values an object may carry into Lua. */
  maxBytes: number;
  /** Deepest nesting of objects and arrays accepted. */
  maxDepth: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxBytes: 4 * 1024 * 1024, maxDepth: 100 };

/**
 * Interns short strings in one Lua state's registry. Keys and small values
 * (apiVersion, "True", "Ready", …) repeat in every object; pushing the interned
 * Lua string reuses its encoding and its hash, which fengari otherwise rebuilds
 * for every table key: most of the cost of handing an object to Lua.
 */
export class LuaStringPool {
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly capacity = 50_000,
    private readonly maxLength = 64,
  ) {}

  push(L: LuaState, text: string): void {
    let id = this.ids.get(text);
    if (id === undefined) {
      if (text.length > this.maxLength || this.ids.size >= this.capacity) {
        lua.lua_pushstring(L, to_luastring(text));
        return;
      }
      id = POOL_BASE + this.ids.size;
      lua.lua_pushstring(L, to_luastring(text));
      lua.lua_rawseti(L, lua.LUA_REGISTRYINDEX, id);
      this.ids.set(text, id);
    }
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, id);
  }
}

// Registry integer keys well clear of Lua's own (1, 2) and of luaL_ref's range in use here (none).
const POOL_BASE = 1_000_000;

const unpooled: Pick<LuaStringPool, 'push'> = {
  push: (L, text) => {
    lua.lua_pushstring(L, to_luastring(text));
  },
};

interface PushState {
  bytes: number;
  readonly strings: Pick<LuaStringPool, 'push'>;
  readonly limits: InputLimits;
  readonly ancestors: Set<object>;
}

/** Pushes `value` onto the stack; throws LuaScriptError('LUA_INPUT') for oversized or cyclic input. */
export function pushJsValue(
  L: LuaState,
  value: unknown,
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
  strings: Pick<LuaStringPool, 'push'> = unpooled,
): void {
  pushValue(L, value, { bytes: 0, limits, ancestors: new Set(), strings }, '', 0);
}

function pushValue(L: LuaState, value: unknown, state: PushState, path: string, depth: number): void {
  switch (typeof value) {
    case 'string':
      state.bytes += value.length + 8;
      checkSize(state, path);
      state.strings.push(L, value);
      return;
    case 'number':
      state.bytes += 8;
      lua.lua_pushnumber(L, value);
      return;
    case 'boolean':
      state.bytes += 8;
      lua.lua_pushboolean(L, value);
      return;
    case 'bigint':
      state.bytes += 8;
      lua.lua_pushnumber(L, Number(value));
      return;
    case 'object':
      if (value === null) break;
      pushContainer(L, value, state, path, depth);
      return;
    default:
      break;
  }
  lua.lua_pushnil(L);
}

function pushContainer(L: LuaState, value: object, state: PushState, path: string, depth: number): void {
  if (depth >= state.limits.maxDepth) {
    throw new LuaScriptError(
      'LUA_INPUT',
      `object nests deeper than ${state.limits.maxDepth} levels at ${path || '.'}; refusing to pass it to Lua`,
    );
  }
  if (state.ancestors.has(value)) {
    throw new LuaScriptError(
      'LUA_INPUT',
      `object has a reference cycle at ${path || '.'} (YAML anchors/aliases?); refusing to pass it to Lua`,
    );
  }
  state.ancestors.add(value);
  state.bytes += 16;
  if (!lua.lua_checkstack(L, 3)) {
    throw new LuaScriptError('LUA_INPUT', `object nests too deeply for the Lua stack at ${path || '.'}`);
  }
  if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    for (let index = 0; index < value.length; index += 1) {
      pushValue(L, value[index], state, `${path}[${index}]`, depth + 1);
      lua.lua_rawseti(L, -2, index + 1);
    }
  } else {
    const entries = Object.entries(value);
    lua.lua_createtable(L, 0, entries.length);
    for (const [key, item] of entries) {
      if (item === undefined || item === null) continue;
      state.bytes += key.length;
      state.strings.push(L, key);
      pushValue(L, item, state, `${path}.${key}`, depth + 1);
      lua.lua_rawset(L, -3);
    }
  }
  state.ancestors.delete(value);
}

function checkSize(state: PushState, path: string): void {
  if (state.bytes > state.limits.maxBytes) {
    const megabytes = (state.limits.maxBytes / (1024 * 1024)).toFixed(1);
    throw new LuaScriptError(
      'LUA_INPUT',
      `object is larger than the ${megabytes} MiB a Lua script may receive (exceeded at ${path || '.'})`,
    );
  }
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Reads the value at `index` as gopher-json would encode it. Functions, userdata,
 * threads, a table reached twice, or mixed/sparse keys are errors, with
 * gopher-json's wording so messages match Argo CD's.
 */
export function readLuaValue(L: LuaState, index: number): JsonValue {
  return readValue(L, lua.lua_absindex(L, index), new Set());
}

function readValue(L: LuaState, index: number, visited: Set<unknown>): JsonValue {
  switch (lua.lua_type(L, index)) {
    case lua.LUA_TNIL:
      return null;
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, index);
    case lua.LUA_TNUMBER:
      return lua.lua_tonumber(L, index);
    case lua.LUA_TSTRING:
      return lua.lua_tojsstring(L, index) ?? '';
    case lua.LUA_TTABLE:
      return readTable(L, index, visited);
    case lua.LUA_TFUNCTION:
      throw new LuaScriptError('LUA_RESULT', 'cannot encode function to JSON');
    case lua.LUA_TTHREAD:
      throw new LuaScriptError('LUA_RESULT', 'cannot encode thread to JSON');
    default:
      throw new LuaScriptError('LUA_RESULT', 'cannot encode userdata to JSON');
  }
}

function readTable(L: LuaState, index: number, visited: Set<unknown>): JsonValue {
  if (!lua.lua_checkstack(L, 3)) throw new LuaScriptError('LUA_RESULT', 'Lua result nests too deeply to encode');
  const identity = tableIdentity(L, index);
  if (visited.has(identity)) throw new LuaScriptError('LUA_RESULT', 'cannot encode recursively nested tables to JSON');
  visited.add(identity);
  const numbered = new Map<number, JsonValue>();
  const named: Record<string, JsonValue> = {};
  let keyKind: 'none' | 'number' | 'string' = 'none';
  lua.lua_pushnil(L);
  while (lua.lua_next(L, index) !== 0) {
    const type = lua.lua_type(L, -2);
    const kind = type === lua.LUA_TNUMBER ? 'number' : type === lua.LUA_TSTRING ? 'string' : 'invalid';
    if (kind === 'invalid' || (keyKind !== 'none' && keyKind !== kind)) {
      lua.lua_pop(L, 2);
      throw new LuaScriptError('LUA_RESULT', 'cannot encode mixed or invalid key types');
    }
    keyKind = kind;
    const item = readValue(L, lua.lua_gettop(L), visited);
    if (kind === 'number') numbered.set(lua.lua_tonumber(L, -2), item);
    else named[lua.lua_tojsstring(L, -2) ?? ''] = item;
    lua.lua_pop(L, 1);
  }
  if (keyKind === 'string') return named;
  const array: JsonValue[] = [];
  for (let position = 1; position <= numbered.size; position += 1) {
    if (!numbered.has(position)) throw new LuaScriptError('LUA_RESULT', 'cannot encode sparse array');
    array.push(numbered.get(position) ?? null);
  }
  return array;
}

function tableIdentity(L: LuaState, index: number): unknown {
  return lua.lua_topointer(L, index);
}
