// The subset of fengari's C-like API this package calls. fengari ships no
// type declarations; these mirror its exports (a port of the Lua 5.3 C API).
declare module 'fengari' {
  export type LuaState = { readonly __luaState: unique symbol };
  export type LuaString = Uint8Array;
  export type LuaCFunction = (L: LuaState) => number;
  export type LuaHook = (L: LuaState, ar: unknown) => void;

  export function to_luastring(value: string, cache?: boolean): LuaString;
  export function to_jsstring(value: LuaString, from?: number, to?: number, replacement_char?: boolean): string;

  export const lua: {
    LUA_OK: number;
    LUA_ERRRUN: number;
    LUA_ERRSYNTAX: number;
    LUA_ERRMEM: number;
    LUA_ERRERR: number;
    LUA_MASKCOUNT: number;
    LUA_REGISTRYINDEX: number;
    LUA_RIDX_GLOBALS: number;
    LUA_MULTRET: number;
    LUA_TNIL: number;
    LUA_TBOOLEAN: number;
    LUA_TLIGHTUSERDATA: number;
    LUA_TNUMBER: number;
    LUA_TSTRING: number;
    LUA_TTABLE: number;
    LUA_TFUNCTION: number;
    LUA_TUSERDATA: number;
    LUA_TTHREAD: number;
    lua_absindex(L: LuaState, index: number): number;
    lua_call(L: LuaState, nargs: number, nresults: number): void;
    lua_checkstack(L: LuaState, n: number): boolean;
    lua_createtable(L: LuaState, narr: number, nrec: number): void;
    lua_getfield(L: LuaState, index: number, key: LuaString): number;
    lua_getglobal(L: LuaState, name: LuaString): number;
    lua_gettop(L: LuaState): number;
    lua_isinteger(L: LuaState, index: number): boolean;
    lua_newtable(L: LuaState): void;
    lua_next(L: LuaState, index: number): number;
    lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
    lua_pop(L: LuaState, n: number): void;
    lua_pushboolean(L: LuaState, value: boolean): void;
    lua_pushcfunction(L: LuaState, fn: LuaCFunction): void;
    lua_pushinteger(L: LuaState, value: number): void;
    lua_pushnil(L: LuaState): void;
    lua_pushnumber(L: LuaState, value: number): void;
    lua_pushstring(L: LuaState, value: LuaString): LuaString;
    lua_pushvalue(L: LuaState, index: number): void;
    lua_rawget(L: LuaState, index: number): number;
    lua_rawgeti(L: LuaState, index: number, n: number): number;
    lua_rawlen(L: LuaState, index: number): number;
    lua_rawset(L: LuaState, index: number): void;
    lua_rawseti(L: LuaState, index: number, n: number): void;
    lua_setfield(L: LuaState, index: number, key: LuaString): void;
    lua_setglobal(L: LuaState, name: LuaString): void;
    lua_sethook(L: LuaState, hook: LuaHook | null, mask: number, count: number): void;
    lua_setmetatable(L: LuaState, index: number): void;
    lua_settop(L: LuaState, index: number): void;
    lua_setupvalue(L: LuaState, funcindex: number, n: number): LuaString | null;
    lua_toboolean(L: LuaState, index: number): boolean;
    lua_tojsstring(L: LuaState, index: number): string | null;
    lua_tonumber(L: LuaState, index: number): number;
    lua_topointer(L: LuaState, index: number): unknown;
    lua_tostring(L: LuaState, index: number): LuaString | null;
    lua_type(L: LuaState, index: number): number;
  };

  export const lauxlib: {
    luaL_newstate(): LuaState;
    luaL_loadbuffer(L: LuaState, buffer: LuaString, size: number | null, chunkname: LuaString): number;
    luaL_requiref(L: LuaState, modname: LuaString, openf: LuaCFunction, glb: number): void;
    luaL_error(L: LuaState, message: LuaString, ...args: unknown[]): never;
    luaL_len(L: LuaState, index: number): number;
    luaL_checkinteger(L: LuaState, arg: number): number;
    luaL_checkany(L: LuaState, arg: number): void;
    luaL_checknumber(L: LuaState, arg: number): number;
    luaL_checkstring(L: LuaState, arg: number): LuaString;
    luaL_checktype(L: LuaState, arg: number, type: number): void;
    luaL_optinteger(L: LuaState, arg: number, def: number): number;
    luaL_tolstring(L: LuaState, index: number): LuaString;
  };

  export const lualib: {
    luaopen_base: LuaCFunction;
    luaopen_table: LuaCFunction;
    luaopen_string: LuaCFunction;
    luaopen_math: LuaCFunction;
    luaopen_coroutine: LuaCFunction;
    luaopen_package: LuaCFunction;
    luaopen_os: LuaCFunction;
  };
}

declare module 'fengari/src/lobject.js' {
  import type { LuaState } from 'fengari';
  export let luaO_tostring: (
    L: LuaState,
    obj: { ttisinteger(): boolean; value: number; setsvalue(v: unknown): void },
  ) => void;
}

declare module 'fengari/src/lstring.js' {
  import type { LuaState } from 'fengari';
  export function luaS_bless(L: LuaState, buffer: Uint8Array): unknown;
}
