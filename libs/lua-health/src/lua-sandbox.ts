// One compiled Lua script in its own sandboxed Lua state. Runs are cheap: the
// state and the compiled chunk are reused, and every run gets a fresh global
// environment (so `hs = {}` or helper functions never leak between objects),
// the `obj` global, and fresh limits.
//
// Limits, checked by an instruction-count hook: an instruction budget and a
// wall-clock timeout (Argo CD stops a script after 1 s); and a cap on the bytes
// of strings a run may allocate (see allocation-guard.ts). Tables are bounded by
// the instruction budget; inside an isolate its memory limit is the last line.
import {
  lauxlib,
  lua,
  lualib,
  to_jsstring,
  to_luastring,
  type LuaCFunction,
  type LuaState,
  type LuaString,
} from 'fengari';
import { AllocationLimitError, withAllocationLimit } from './allocation-guard';
import { LuaScriptError, type LuaFailureCode } from './errors';
import { formatLuaNumber } from './number-format';
import { installGoNumberFormatting } from './number-tostring';
import { SANDBOX_PRELUDE } from './lua-prelude';
import { DEFAULT_INPUT_LIMITS, LuaStringPool, pushJsValue, type InputLimits } from './lua-values';

export interface LuaLimits {
  /** VM instructions one run may execute. */
  maxInstructions: number;
  /** Wall-clock milliseconds one run may take (Argo CD: 1000). */
  timeoutMs: number;
  /** Largest string string.rep may build. */
  maxStringBytes: number;
  /** What an object may bring into Lua. */
  input: InputLimits;
  /** Bytes of strings one run may allocate in total. */
  maxAllocatedBytes: number;
}

export const DEFAULT_LUA_LIMITS: LuaLimits = {
  maxInstructions: 20_000_000,
  timeoutMs: 1000,
  maxStringBytes: 8 * 1024 * 1024,
  maxAllocatedBytes: 32 * 1024 * 1024,
  input: DEFAULT_INPUT_LIMITS,
};

export interface LuaScriptOptions {
  /**
   * Open string, math and coroutine as Argo CD's `useOpenLibs` does (always on
   * for built-in scripts). Without it a script sees base, table and a safe os,
   * exactly as in Argo CD.
   */
  openLibs: boolean;
  limits?: Partial<LuaLimits>;
}

const HOOK_INTERVAL = 1000;
const REGISTRY_CHUNK = to_luastring('driftless.chunk');
const REGISTRY_ENV_META = to_luastring('driftless.envmeta');
const CHUNK_NAME = to_luastring('=<string>');

type Trip = { code: LuaFailureCode; message: string };

export class LuaScript {
  private state: LuaState;
  private strings = new LuaStringPool();
  private readonly limits: LuaLimits;

  private constructor(
    private readonly source: string,
    private readonly openLibs: boolean,
    limits: LuaLimits,
  ) {
    this.limits = limits;
    this.state = this.createState();
  }

  /** Compiles `source`; throws LuaScriptError('LUA_SYNTAX') if it does not compile. */
  static compile(source: string, options: LuaScriptOptions): LuaScript {
    const limits = { ...DEFAULT_LUA_LIMITS, ...options.limits };
    return new LuaScript(source, options.openLibs, limits);
  }

  /**
   * Runs the script with `globals` set (e.g. `{ obj }`), and hands the value it
   * returned (at stack index -1) to `read`. Throws LuaScriptError on any failure.
   */
  run<T>(globals: Record<string, unknown>, read: (L: LuaState) => T): T {
    const L = this.state;
    lua.lua_settop(L, 0);
    lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, REGISTRY_CHUNK);
    this.pushEnvironment(L, globals);
    lua.lua_setupvalue(L, 1, 1);
    let trip: Trip | undefined;
    const started = Date.now();
    let executed = 0;
    const hook = (hookState: LuaState): void => {
      if (trip) lauxlib.luaL_error(hookState, to_luastring(trip.message));
      executed += HOOK_INTERVAL;
      trip = this.checkLimits(executed, started);
      if (trip) {
        // From now on fail at every instruction, so a script cannot swallow the
        // error with pcall and carry on.
        lua.lua_sethook(hookState, hook, lua.LUA_MASKCOUNT, 1);
        lauxlib.luaL_error(hookState, to_luastring(trip.message));
      }
    };
    lua.lua_sethook(L, hook, lua.LUA_MASKCOUNT, HOOK_INTERVAL);
    let status: number;
    try {
      const outcome = withAllocationLimit(this.limits.maxAllocatedBytes, () => lua.lua_pcall(L, 0, 1, 0));
      status = outcome.result;
      if (outcome.exceeded && !trip) {
        trip = { code: 'LUA_MEMORY', message: new AllocationLimitError(this.limits.maxAllocatedBytes).message };
      }
    } catch (error) {
      // A JavaScript error escaped the VM (e.g. an allocation too large for a
      // typed array): the state may be inconsistent, so start a fresh one.
      this.state = this.createState();
      this.strings = new LuaStringPool();
      throw new LuaScriptError(error instanceof RangeError ? 'LUA_MEMORY' : 'LUA_RUNTIME', describeJsError(error));
    } finally {
      lua.lua_sethook(L, null, 0, 0);
    }
    if (status !== lua.LUA_OK) {
      if (trip) {
        lua.lua_settop(L, 0);
        throw new LuaScriptError(trip.code, trip.message);
      }
      const message = errorMessage(L);
      lua.lua_settop(L, 0);
      if (status !== lua.LUA_ERRRUN && status !== lua.LUA_ERRERR) {
        // fengari reports a JavaScript error inside the VM as a bare failure.
        this.state = this.createState();
        this.strings = new LuaStringPool();
        throw new LuaScriptError('LUA_RUNTIME', `Lua VM failed (status ${status}): ${message}`);
      }
      throw new LuaScriptError('LUA_RUNTIME', message);
    }
    try {
      return read(L);
    } finally {
      lua.lua_settop(L, 0);
    }
  }

  private checkLimits(executed: number, started: number): Trip | undefined {
    if (executed > this.limits.maxInstructions) {
      return {
        code: 'LUA_TIMEOUT',
        message: `Lua script exceeded its budget of ${this.limits.maxInstructions} instructions (endless loop?)`,
      };
    }
    if (Date.now() - started > this.limits.timeoutMs) {
      return { code: 'LUA_TIMEOUT', message: `Lua script timed out after ${this.limits.timeoutMs} ms` };
    }
    return undefined;
  }

  private pushEnvironment(L: LuaState, globals: Record<string, unknown>): void {
    lua.lua_newtable(L);
    for (const [name, value] of Object.entries(globals)) {
      try {
        pushJsValue(L, value, this.limits.input, this.strings);
      } catch (error) {
        lua.lua_settop(L, 0);
        throw error;
      }
      lua.lua_setfield(L, -2, to_luastring(name));
    }
    lua.lua_getfield(L, lua.LUA_REGISTRYINDEX, REGISTRY_ENV_META);
    lua.lua_setmetatable(L, -2);
  }

  private createState(): LuaState {
    installGoNumberFormatting();
    const L = lauxlib.luaL_newstate();
    const libraries: [string, LuaCFunction][] = [
      ['_G', lualib.luaopen_base],
      ['table', lualib.luaopen_table],
      ['os', lualib.luaopen_os],
    ];
    if (this.openLibs) {
      libraries.push(['string', lualib.luaopen_string], ['math', lualib.luaopen_math]);
      libraries.push(['coroutine', lualib.luaopen_coroutine]);
    }
    for (const [name, open] of libraries) {
      lauxlib.luaL_requiref(L, to_luastring(name), open, 1);
      lua.lua_pop(L, 1);
    }
    lua.lua_pushcfunction(L, goStyleTostring);
    lua.lua_setglobal(L, to_luastring('tostring'));
    lua.lua_pushnumber(L, this.limits.maxStringBytes);
    lua.lua_setglobal(L, to_luastring('__MAX_STRING_BYTES'));
    runTrusted(L, SANDBOX_PRELUDE, 'sandbox prelude');
    // Every run's environment falls back to these globals for reads.
    lua.lua_newtable(L);
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, lua.LUA_RIDX_GLOBALS);
    lua.lua_setfield(L, -2, to_luastring('__index'));
    lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, REGISTRY_ENV_META);
    const encoded: LuaString = to_luastring(this.source);
    const status = lauxlib.luaL_loadbuffer(L, encoded, encoded.length, CHUNK_NAME);
    if (status !== lua.LUA_OK) {
      const message = lua.lua_tojsstring(L, -1) ?? 'syntax error';
      throw new LuaScriptError('LUA_SYNTAX', message);
    }
    lua.lua_setfield(L, lua.LUA_REGISTRYINDEX, REGISTRY_CHUNK);
    return L;
  }
}

// tostring() formats numbers through fengari's private formatter; this one
// prints them as gopher-lua does.
const goStyleTostring: LuaCFunction = (L) => {
  lauxlib.luaL_checkany(L, 1);
  if (lua.lua_type(L, 1) === lua.LUA_TNUMBER && !lua.lua_isinteger(L, 1)) {
    lua.lua_pushstring(L, to_luastring(formatLuaNumber(lua.lua_tonumber(L, 1))));
  } else {
    lauxlib.luaL_tolstring(L, 1);
  }
  return 1;
};

const MAX_ERROR_MESSAGE_BYTES = 4096;

// The error value on top of the stack, shortened: a script may raise (or leave
// behind) a huge string, and decoding all of it would cost more than the script.
function errorMessage(L: LuaState): string {
  if (lua.lua_type(L, -1) !== lua.LUA_TSTRING && lua.lua_type(L, -1) !== lua.LUA_TNUMBER) {
    return `Lua error object is a ${lua.lua_type(L, -1) === lua.LUA_TTABLE ? 'table' : 'non-string value'}`;
  }
  const bytes = lua.lua_tostring(L, -1) ?? new Uint8Array();
  if (bytes.length <= MAX_ERROR_MESSAGE_BYTES) return to_jsstring(bytes);
  return `${to_jsstring(bytes.subarray(0, MAX_ERROR_MESSAGE_BYTES), undefined, undefined, true)}… (${bytes.length} bytes)`;
}

function runTrusted(L: LuaState, source: string, name: string): void {
  const encoded = to_luastring(source);
  if (
    lauxlib.luaL_loadbuffer(L, encoded, encoded.length, to_luastring(`=${name}`)) !== lua.LUA_OK ||
    lua.lua_pcall(L, 0, 0, 0) !== lua.LUA_OK
  ) {
    throw new Error(`Driftless ${name} failed: ${lua.lua_tojsstring(L, -1) ?? 'unknown error'}`);
  }
}

function describeJsError(error: unknown): string {
  if (error instanceof AllocationLimitError) return error.message;
  if (error instanceof RangeError) return `Lua script exhausted memory: ${error.message}`;
  return `Lua VM failed: ${error instanceof Error ? error.message : String(error)}`;
}
