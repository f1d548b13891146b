// Proves the Lua runner works where plugins run: bundled with esbuild into one
// script and evaluated in an isolated-vm isolate (no Node globals, no require),
// with a memory limit; a runaway script fails its run and the isolate goes on.
import { build } from 'esbuild';
import ivm from 'isolated-vm';
import { join } from 'node:path';

const entry = `
import { LuaCustomizations } from './src/index';
const customizations = new LuaCustomizations(new Map([
  ['apps/Deployment', { healthLua: ${JSON.stringify(`
    local hs = {}
    if obj.status == nil then hs.status = "Progressing" return hs end
    if obj.status.readyReplicas == obj.spec.replicas then
      hs.status = "Healthy"
    else
      hs.status = "Progressing"
    end
    hs.message = obj.status.readyReplicas .. "/" .. obj.spec.replicas .. " ready"
    return hs`)}, useOpenLibs: false }],
  ['example.com/Loop', { healthLua: 'while true do end', useOpenLibs: false }],
  ['example.com/Grow', { healthLua: 'local s = "x" while true do s = s .. s end', useOpenLibs: false }],
]), { maxInstructions: 1000000 });
globalThis.assessBatch = (json) => JSON.stringify(JSON.parse(json).map((obj) => customizations.assessHealth(obj) ?? null));
`;

async function bundle(): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: join(__dirname, '..'), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    mainFields: ['main', 'module'],
    target: 'es2022',
    define: { 'process.env.FENGARICONF': 'undefined' },
    external: ['fs', 'os', 'path', 'tmp', 'child_process', 'readline-sync', 'crypto'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('Lua health checks inside an isolated-vm isolate', () => {
  let isolate: ivm.Isolate;
  let context: ivm.Context;

  beforeAll(async () => {
    const code = await bundle();
    isolate = new ivm.Isolate({ memoryLimit: 128 });
    context = await isolate.createContext();
    await (await isolate.compileScript(code)).run(context);
  });

  afterAll(() => isolate.dispose());

  const assess = async (objects: unknown[]): Promise<unknown[]> => {
    const result: unknown = await context.evalClosure('return assessBatch($0)', [JSON.stringify(objects)], {
      timeout: 10_000,
      result: { copy: true },
    });
    return JSON.parse(result as string) as unknown[];
  };

  const deployment = (ready: number) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 3 },
    status: { readyReplicas: ready },
  });

  it('runs a health script with Go-style number formatting', async () => {
    expect(await assess([deployment(3), deployment(1)])).toEqual([
      { status: 'Healthy', message: '3/3 ready' },
      { status: 'Progressing', message: '1/3 ready' },
    ]);
  });

  it('stops runaway scripts inside the isolate and keeps serving the batch', async () => {
    const results = await assess([
      { apiVersion: 'example.com/v1', kind: 'Loop', metadata: { name: 'l' } },
      { apiVersion: 'example.com/v1', kind: 'Grow', metadata: { name: 'g' } },
      deployment(2),
    ]);
    expect(results).toEqual([
      { status: 'Unknown', message: 'Lua script exceeded its budget of 1000000 instructions (endless loop?)' },
      { status: 'Unknown', message: 'Lua script allocated more than 32 MiB of strings' },
      { status: 'Progressing', message: '2/3 ready' },
    ]);
  });

  it('has no Node globals to reach for', async () => {
    const globals: unknown = await context.eval('typeof process + " " + typeof require', { copy: true });
    expect(globals).toBe('undefined undefined');
  });

  it('costs well under the 100 µs goal per object in a batch', async () => {
    const batch = Array.from({ length: 2000 }, (_, index) => deployment(index % 4));
    await assess(batch); // warm up
    const started = performance.now();
    await assess(batch);
    const microsecondsPerObject = ((performance.now() - started) * 1000) / batch.length;
    expect(microsecondsPerObject).toBeLessThan(500); // generous: shared CI cores; the benchmark reports the real figure
  });
});
