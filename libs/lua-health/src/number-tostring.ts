// fengari formats numbers the Lua 5.3 way ("3.0" for a float); Argo CD's scripts
// run on gopher-lua, which prints Go-style ("3"). fengari's VM and C API reach
// number-to-string conversion through one exported function, which is replaced
// here once per process (or isolate).
// The module objects themselves must be patched: an ES namespace import of a
// CommonJS module is a copy, so `require` is the point here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import lobject = require('fengari/src/lobject.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
import lstring = require('fengari/src/lstring.js');
import { to_luastring } from 'fengari';
import { formatLuaNumber } from './number-format';

let installed = false;

export function installGoNumberFormatting(): void {
  if (installed) return;
  installed = true;
  lobject.luaO_tostring = (L, obj) => {
    const text = obj.ttisinteger() ? String(obj.value) : formatLuaNumber(obj.value);
    obj.setsvalue(lstring.luaS_bless(L, to_luastring(text)));
  };
}
