import { LuaCustomizations } from '@driftless/lua-health';
import { parse } from 'yaml';
import { assessHealthBatch, assessResourceHealth } from './assess';

const deployment = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', generation: 2, ...extra },
  spec: { replicas: 2 },
  status: { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2, readyReplicas: 2 },
});

const override = (kind: string, healthLua: string) =>
  new LuaCustomizations(new Map([[kind, { healthLua, useOpenLibs: false }]]), { maxInstructions: 200_000 });

describe('assessResourceHealth precedence', () => {
  it('uses the built-in rule when no override exists', () => {
    expect(assessResourceHealth(deployment())).toEqual({ status: 'Healthy' });
  });

  it('lets a user Lua override win over the built-in rule', () => {
    const customizations = override('apps/Deployment', 'return {status = "Suspended", message = "override"}');
    expect(assessResourceHealth(deployment(), { customizations })).toEqual({
      status: 'Suspended',
      message: 'override',
    });
  });

  it('says "Pending deletion" before any override, unless a hook finalizer holds the object', () => {
    const customizations = override('apps/Deployment', 'return {status = "Healthy"}');
    const deleting = deployment({ deletionTimestamp: '2026-11-24T10:00:00Z' });
    expect(assessResourceHealth(deleting, { customizations })).toEqual({
      status: 'Progressing',
      message: 'Pending deletion',
    });
    const hook = deployment({
      deletionTimestamp: '2026-11-24T10:00:00Z',
      finalizers: ['argocd.argoproj.io/hook-finalizer'],
    });
    expect(assessResourceHealth(hook, { customizations })).toEqual({ status: 'Healthy' });
  });

  it('gives no health to kinds without a rule, unless the generic rule is asked for', () => {
    const widget = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', generation: 3 },
      status: { observedGeneration: 3, conditions: [{ type: 'Ready', status: 'True', message: 'all good' }] },
    };
    expect(assessResourceHealth(widget)).toBeUndefined();
    expect(assessResourceHealth(widget, { genericConditions: true })).toEqual({
      status: 'Healthy',
      message: 'all good',
    });
    expect(assessResourceHealth({ ...widget, status: undefined }, { genericConditions: true })).toBeUndefined();
    const stalled = { ...widget, status: { conditions: [{ type: 'Stalled', status: 'True', message: 'bad spec' }] } };
    expect(assessResourceHealth(stalled, { genericConditions: true })).toEqual({
      status: 'Degraded',
      message: 'bad spec',
    });
  });

  it('turns a throwing rule into Unknown', () => {
    const rules = new Map([
      [
        'apps/Deployment',
        () => {
          throw new Error('rule bug');
        },
      ],
    ]);
    expect(assessResourceHealth(deployment(), { rules })).toEqual({
      status: 'Unknown',
      message: 'health check failed: rule bug',
    });
  });
});

describe('bad input in a batch', () => {
  const luaFor = (healthLua: string) => override('example.com/Widget', healthLua);
  const widget = (extra: Record<string, unknown> = {}) => ({
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w' },
    ...extra,
  });

  it('yields Unknown with the cause for each bad object or script, and goes on', () => {
    const customizations = luaFor(`
      if obj.spec.mode == "loop" then while true do end end
      if obj.spec.mode == "grow" then local s = "x" while true do s = s .. s end end
      if obj.spec.mode == "exec" then os.execute("rm -rf /") end
      if obj.spec.mode == "open" then io.open("/etc/shadow") end
      if obj.spec.mode == "require" then require("socket") end
      if obj.spec.mode == "load" then load("return 1")() end
      if obj.spec.mode == "error" then error("broken check") end
      if obj.spec.mode == "nil" then return nil end
      if obj.spec.mode == "string" then return "Healthy" end
      if obj.spec.mode == "unknown" then return {status = "Great"} end
      return {status = "Healthy", message = "ok"}
    `);
    const cyclic = widget({ spec: { mode: 'fine' } });
    (cyclic.metadata as Record<string, unknown>).owner = cyclic;
    const objects = [
      widget({ spec: { mode: 'loop' } }),
      widget({ spec: { mode: 'grow' } }),
      widget({ spec: { mode: 'exec' } }),
      widget({ spec: { mode: 'open' } }),
      widget({ spec: { mode: 'require' } }),
      widget({ spec: { mode: 'load' } }),
      widget({ spec: { mode: 'error' } }),
      widget({ spec: { mode: 'nil' } }),
      widget({ spec: { mode: 'string' } }),
      widget({ spec: { mode: 'unknown' } }),
      widget({ spec: { mode: 'fine' }, data: { blob: 'x'.repeat(10 * 1024 * 1024) } }),
      cyclic,
      'not an object',
      widget({ spec: { mode: 'fine' } }),
    ];
    const results = assessHealthBatch(objects, { customizations });
    expect(results.map((result) => result?.status)).toEqual([...Array(13).fill('Unknown'), 'Healthy']);
    expect(results.map((result) => result?.message)).toEqual([
      'Lua script exceeded its budget of 200000 instructions (endless loop?)',
      'Lua script allocated more than 32 MiB of strings',
      expect.stringContaining('os.execute is not available to Lua scripts in Driftless'),
      expect.stringContaining('io.open is not available to Lua scripts in Driftless'),
      expect.stringContaining("module 'socket' not found"),
      expect.stringContaining('load is not available to Lua scripts in Driftless'),
      '<string>:8: broken check',
      'expect table output from Lua script, not nil',
      'expect table output from Lua script, not string',
      'Lua returned an invalid health status',
      'object is larger than the 4.0 MiB a Lua script may receive (exceeded at .data.blob)',
      'object has a reference cycle at .metadata.owner (YAML anchors/aliases?); refusing to pass it to Lua',
      'not a Kubernetes object: expected a mapping with apiVersion and kind',
      'ok',
    ]);
  });

  it('refuses a cycle made by a YAML anchor, as a user file can contain', () => {
    const customizations = luaFor('return {status = "Healthy"}');
    const cyclic = parse('apiVersion: example.com/v1\nkind: Widget\nmetadata: &meta\n  name: w\n  self: *meta\n');
    expect(assessResourceHealth(cyclic, { customizations })).toEqual({
      status: 'Unknown',
      message: 'object has a reference cycle at .metadata.self (YAML anchors/aliases?); refusing to pass it to Lua',
    });
  });

  it('assesses a 10 MB object of a built-in kind by its status alone', () => {
    const large = deployment();
    (large as Record<string, unknown>).data = { blob: 'x'.repeat(10 * 1024 * 1024) };
    expect(assessResourceHealth(large)).toEqual({ status: 'Healthy' });
  });
});
