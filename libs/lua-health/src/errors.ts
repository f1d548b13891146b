// Errors a Lua script run can end with. Each carries a code a user can search
// for; the message says what failed and what to do about it.

export type LuaFailureCode =
  | 'LUA_SYNTAX' // the script does not compile
  | 'LUA_RUNTIME' // the script raised an error (including calls the sandbox forbids)
  | 'LUA_TIMEOUT' // instruction budget or wall-clock limit exhausted
  | 'LUA_MEMORY' // the script allocated past the memory budget
  | 'LUA_INPUT' // the object cannot be handed to Lua (too large, too deep, cyclic)
  | 'LUA_RESULT'; // the script returned something that is not the expected shape

export class LuaScriptError extends Error {
  override readonly name = 'LuaScriptError';
  constructor(
    readonly code: LuaFailureCode,
    message: string,
  ) {
    super(message);
  }
}
