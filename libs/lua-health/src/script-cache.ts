// Compiled scripts, reused across objects and refreshes (Argo CD keeps a cache
// of compiled scripts too). A script that fails to compile is cached as its
// error, so a broken override costs one compile, not one per object.
import { LuaScriptError } from './errors';
import { LuaScript, type LuaLimits } from './lua-sandbox';

export class LuaScriptCache {
  private readonly entries = new Map<string, LuaScript | LuaScriptError>();

  constructor(
    private readonly limits: Partial<LuaLimits> = {},
    private readonly capacity = 512,
  ) {}

  /** The compiled script, or throws its LuaScriptError('LUA_SYNTAX'). */
  get(source: string, openLibs: boolean): LuaScript {
    const key = `${openLibs ? 'open' : 'safe'}\u0000${source}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      try {
        entry = LuaScript.compile(source, { openLibs, limits: this.limits });
      } catch (error) {
        if (!(error instanceof LuaScriptError)) throw error;
        entry = error;
      }
      if (this.entries.size >= this.capacity) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
      this.entries.set(key, entry);
    }
    if (entry instanceof LuaScriptError) throw entry;
    return entry;
  }
}
