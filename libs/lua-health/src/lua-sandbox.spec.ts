import { LuaScriptError } from './errors';
import { runHealthScript } from './health-script';
import { LuaScript } from './lua-sandbox';
import { readLuaValue } from './lua-values';

function evaluate(source: string, obj: unknown = {}, openLibs = true, limits = {}): unknown {
  return LuaScript.compile(source, { openLibs, limits }).run({ obj }, (L) => readLuaValue(L, -1));
}

function failure(run: () => unknown): LuaScriptError {
  try {
    run();
  } catch (error) {
    if (error instanceof LuaScriptError) return error;
    throw error;
  }
  throw new Error('expected the script to fail');
}

describe('Lua 5.1 behaviour of Argo CD scripts', () => {
  it('prints integral numbers without a decimal point, as gopher-lua does', () => {
    expect(evaluate('return obj.a .. "/" .. obj.b', { a: 3, b: 4 })).toBe('3/4');
    expect(evaluate('return tostring(6 / 2) .. " " .. tostring(7 / 2)')).toBe('3 3.5');
    expect(evaluate('return string.format("%s|%d|%5.2f", 2.0, 3.0, 2.25)')).toBe('2|3| 2.25');
    expect(evaluate('return tostring(1e21) .. " " .. tostring(1234567.5) .. " " .. 0.1')).toBe(
      '1e+21 1.2345675e+06 0.1',
    );
  });

  it('keeps table.getn, unpack, table.maxn, math.pow, math.mod and string.gfind', () => {
    expect(evaluate('local t = {4, 5, 6} return table.getn(t) + table.maxn(t)')).toBe(6);
    expect(evaluate('local a, b = unpack({"x", "y"}) return a .. b')).toBe('xy');
    expect(evaluate('return math.pow(2, 10) + math.mod(7, 3) + math.log10(100)')).toBe(1027);
    expect(evaluate('local n = 0 for w in string.gfind("a b c", "%a") do n = n + 1 end return n')).toBe(3);
  });

  it('opens string and math only with useOpenLibs, as Argo CD', () => {
    const withoutLibs = failure(() => evaluate('return string.upper("x")', {}, false));
    expect(withoutLibs.code).toBe('LUA_RUNTIME');
    expect(withoutLibs.message).toMatch(/attempt to index a nil value \(global 'string'\)/);
    expect(evaluate('return os.time{year=2026, month=1, day=1, hour=0} > 0', {}, false)).toBe(true);
    expect(evaluate('local t = {} table.insert(t, "a") return #t', {}, false)).toBe(1);
  });

  it('gives every run fresh globals', () => {
    const script = LuaScript.compile('if leaked ~= nil then return "leaked" end leaked = true return "clean"', {
      openLibs: false,
    });
    const read = (L: Parameters<Parameters<LuaScript['run']>[1]>[0]) => readLuaValue(L, -1);
    expect(script.run({ obj: {} }, read)).toBe('clean');
    expect(script.run({ obj: {} }, read)).toBe('clean');
  });

  it('names the script line in runtime errors, like gopher-lua', () => {
    expect(failure(() => evaluate('local x = 1\nerror("boom")')).message).toBe('<string>:2: boom');
    expect(failure(() => evaluate('return obj.spec.replicas')).message).toMatch(
      /^<string>:1: attempt to index a nil value/,
    );
  });
});

describe('sandbox', () => {
  it.each([
    ['os.execute("id")', 'os.execute'],
    ['os.exit(1)', 'os.exit'],
    ['return os.getenv("HOME")', 'os.getenv'],
    ['io.open("/etc/passwd")', 'io.open'],
    ['io.popen("id")', 'io.popen'],
    ['load("return 1")()', 'load'],
    ['loadstring("return 1")()', 'loadstring'],
    ['dofile("/etc/passwd")', 'dofile'],
    ['debug.getinfo(1)', 'debug.getinfo'],
  ])('refuses %s', (source, what) => {
    const error = failure(() => evaluate(source));
    expect(error.code).toBe('LUA_RUNTIME');
    expect(error.message).toContain(`${what} is not available to Lua scripts in Driftless`);
  });

  it('lets require load only the safe libraries', () => {
    expect(evaluate('local os = require("os") return type(os.time())')).toBe('number');
    expect(failure(() => evaluate('require("socket")')).message).toContain("module 'socket' not found");
  });

  it('stops an endless loop by its instruction budget', () => {
    const error = failure(() => evaluate('while true do end', {}, true, { maxInstructions: 200_000 }));
    expect(error.code).toBe('LUA_TIMEOUT');
    expect(error.message).toBe('Lua script exceeded its budget of 200000 instructions (endless loop?)');
  });

  it('stops a loop that swallows the timeout with pcall', () => {
    const source = 'while true do pcall(function() while true do end end) end';
    expect(failure(() => evaluate(source, {}, true, { maxInstructions: 200_000 })).code).toBe('LUA_TIMEOUT');
  });

  it('stops a slow script by its wall-clock timeout', () => {
    const source = 'local s = "" while true do s = string.rep("x", 1000) end';
    const error = failure(() =>
      evaluate(source, {}, true, { maxInstructions: Number.MAX_SAFE_INTEGER, timeoutMs: 50 }),
    );
    expect(error).toEqual(new LuaScriptError('LUA_TIMEOUT', 'Lua script timed out after 50 ms'));
  });

  it('stops unbounded string growth by its allocation budget', () => {
    const source = 'local s = "x" while true do s = s .. s end';
    const started = Date.now();
    const error = failure(() => evaluate(source, {}, true, { maxAllocatedBytes: 4 * 1024 * 1024 }));
    expect(error.code).toBe('LUA_MEMORY');
    expect(error.message).toBe('Lua script allocated more than 4 MiB of strings');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops unbounded table growth', () => {
    const source = 'local t = {} while true do t[#t + 1] = {} end';
    expect(failure(() => evaluate(source, {}, true, { maxInstructions: 500_000 })).code).toBe('LUA_TIMEOUT');
  });

  it('refuses string.rep past its limit', () => {
    const error = failure(() => evaluate('return string.rep("x", 1e9)'));
    expect(error.message).toMatch(/string.rep would build a string larger than \d+ bytes/);
  });

  it('reports a syntax error at compile time', () => {
    const error = failure(() => LuaScript.compile('hs = {', { openLibs: false }));
    expect(error.code).toBe('LUA_SYNTAX');
    expect(error.message).toBe('<string>:1: unexpected symbol near <eof>');
  });

  it('refuses an object larger than the input budget', () => {
    const big = { data: { blob: 'x'.repeat(10 * 1024 * 1024) } };
    const error = failure(() => evaluate('return "read"', big));
    expect(error.code).toBe('LUA_INPUT');
    expect(error.message).toBe('object is larger than the 4.0 MiB a Lua script may receive (exceeded at .data.blob)');
  });

  it('refuses an object with a reference cycle', () => {
    const obj: Record<string, unknown> = { metadata: { name: 'x' } };
    (obj.metadata as Record<string, unknown>).self = obj;
    const error = failure(() => evaluate('return 1', obj));
    expect(error).toEqual(
      new LuaScriptError(
        'LUA_INPUT',
        'object has a reference cycle at .metadata.self (YAML anchors/aliases?); refusing to pass it to Lua',
      ),
    );
  });

  it('accepts shared (acyclic) references, as YAML aliases produce', () => {
    const labels = { app: 'x' };
    expect(evaluate('return obj.a.app .. obj.b.app', { a: labels, b: labels })).toBe('xx');
  });

  it('refuses absurd nesting', () => {
    let deep: Record<string, unknown> = {};
    const obj = deep;
    for (let level = 0; level < 150; level += 1) {
      const next: Record<string, unknown> = {};
      deep.next = next;
      deep = next;
    }
    expect(failure(() => evaluate('return 1', obj)).code).toBe('LUA_INPUT');
  });

  it('keeps working after a failed run', () => {
    const script = LuaScript.compile('if obj.fail then error("asked to fail") end return {status = "Healthy"}', {
      openLibs: false,
    });
    expect(() => runHealthScript(script, { fail: true })).toThrow('asked to fail');
    expect(runHealthScript(script, { fail: false })).toEqual({ status: 'Healthy' });
  });
});

describe('health results', () => {
  const run = (source: string) => runHealthScript(LuaScript.compile(source, { openLibs: false }), {});

  it.each([
    ['return nil', 'expect table output from Lua script, not nil'],
    ['hs = {}', 'expect table output from Lua script, not nil'],
    ['return "Healthy"', 'expect table output from Lua script, not string'],
    ['return 3', 'expect table output from Lua script, not number'],
    ['return {status = 1}', 'health status returned by Lua must be a string, not number'],
    ['return {status = "Healthy", message = {}}', 'health message returned by Lua must be a string, not object'],
    [
      'local t = {} t.self = t return {status = "Healthy", extra = t}',
      'cannot encode recursively nested tables to JSON',
    ],
    ['return {status = "Healthy", f = print}', 'cannot encode function to JSON'],
  ])('%s fails with "%s"', (source, message) => {
    expect(() => run(source)).toThrow(new LuaScriptError('LUA_RESULT', message));
  });

  it('maps an unknown status to Unknown, as Argo CD', () => {
    expect(run('return {status = "Fine"}')).toEqual({
      status: 'Unknown',
      message: 'Lua returned an invalid health status',
    });
    expect(run('return {}')).toEqual({ status: 'Unknown', message: 'Lua returned an invalid health status' });
  });

  it('drops an empty message', () => {
    expect(run('return {status = "Healthy", message = ""}')).toEqual({ status: 'Healthy' });
  });
});
