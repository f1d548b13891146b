// The bad-input suite: one folder per case under fixtures/bad-input/ holds a
// plugin and case.json (what it does, the named error its call must fail
// with). Every case runs in the same runner as a well-behaved plugin, which
// must keep answering after each one.
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bundlePlugin,
  PluginError,
  PluginTestHarness,
  validatePluginPackage,
  type Capabilities,
  type PluginErrorCode,
  type SandboxLimits,
  type TestPlugin,
} from '@driftless/plugin-sdk';
import { healthPackage } from './support/health-package';
import { startLoopbackReceiver, type LoopbackReceiver } from './support/loopback-receiver';

interface BadInputCase {
  description: string;
  expect: PluginErrorCode | PluginErrorCode[] | 'ok';
  message?: string;
  grants?: Capabilities;
  limits?: Partial<SandboxLimits>;
  workspace?: boolean;
  secrets?: Record<string, string>;
}

const casesDir = join(__dirname, 'fixtures', 'bad-input');
const suiteLimits: Partial<SandboxLimits> = { cpuMsPerCall: 300, wallMsPerCall: 1_500, memoryMb: 32 };
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default' } };

async function loadCase(name: string): Promise<BadInputCase> {
  return JSON.parse(await readFile(join(casesDir, name, 'case.json'), 'utf8')) as BadInputCase;
}

async function expectFailure(call: Promise<unknown>): Promise<PluginError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PluginError) return error;
    throw new Error(`expected a PluginError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail, it succeeded');
}

// A V8 builtin that cannot be interrupted takes isolated-vm about 5 s to give up on.
jest.setTimeout(30_000);

describe('plugin sandbox: bad input', () => {
  let harness: PluginTestHarness;
  let control: TestPlugin<'health'>;
  let receiver: LoopbackReceiver;
  let workspace: string;

  beforeAll(async () => {
    harness = await PluginTestHarness.start({ size: 1 });
    control = await harness.load<'health'>({
      packageJson: healthPackage('test.control'),
      source: await bundlePlugin({ entry: join(__dirname, 'fixtures/control/plugin.ts') }),
    });
    receiver = await startLoopbackReceiver();
    workspace = await mkdtemp(join(tmpdir(), 'driftless-workspace-'));
    await writeFile(join(workspace, 'ok.txt'), 'inside');
    await symlink('/etc', join(workspace, 'escape'));
  });

  afterAll(async () => {
    await harness.stop();
    await receiver.close();
    await rm(workspace, { recursive: true, force: true });
  });

  async function expectControlServes(): Promise<void> {
    const { output } = await control.call('assess', { objects: [pod] });
    expect(output.results).toEqual([{ status: 'Healthy' }]);
  }

  const caseNames = readdirSync(casesDir).sort();

  it('has a case per folder', async () => {
    expect((await readdir(casesDir)).length).toBe(caseNames.length);
    expect(caseNames.length).toBeGreaterThanOrEqual(30);
  });

  it.each(caseNames)('%s', async (name) => {
    const testCase = await loadCase(name);
    const grants = JSON.parse(
      JSON.stringify(testCase.grants ?? {}).replaceAll('{{receiver}}', receiver.host),
    ) as Capabilities;
    const plugin = await harness.load<'health'>({
      packageJson: healthPackage(`test.bad.${name}`, grants),
      source: await bundlePlugin({ entry: join(casesDir, name, 'plugin.ts') }),
      limits: { ...suiteLimits, ...testCase.limits },
    });
    const input = { objects: [{ ...pod, metadata: { ...pod.metadata, annotations: { receiver: receiver.url } } }] };
    const context = {
      ...(testCase.workspace ? { workspaceDir: workspace } : {}),
      ...(testCase.secrets ? { secrets: testCase.secrets } : {}),
    };
    const started = performance.now();
    if (testCase.expect === 'ok') {
      await expect(plugin.call('assess', input, context)).resolves.toBeDefined();
    } else {
      const error = await expectFailure(plugin.call('assess', input, context));
      const expected = Array.isArray(testCase.expect) ? testCase.expect : [testCase.expect];
      expect(expected).toContain(error.code);
      expect(error.message).toContain(plugin.key);
      if (testCase.message) expect(error.message).toContain(testCase.message);
      expect(error.message).not.toContain('\n');
    }
    // Bounded: no case may hold the sandbox much past its wall-clock limit.
    expect(performance.now() - started).toBeLessThan(10_000);
    await expectControlServes();
    await harness.sandbox.unload(plugin.key);
  });

  it('exposes nothing of the host on globalThis', async () => {
    const probe = await harness.load<'health'>({
      packageJson: healthPackage('test.global-probe'),
      source: await bundlePlugin({ entry: join(__dirname, 'fixtures/global-probe/plugin.ts') }),
    });
    const hostNames = [
      'process',
      'require',
      'module',
      'Buffer',
      'setImmediate',
      'SharedArrayBuffer',
      'Atomics',
      '__driftlessPlugin',
    ];
    const ivmNames = ['Reference', 'ExternalCopy', 'Isolate', 'Context', 'Script', 'Callback', 'NativeModule', 'ivm'];
    // JSON and Object are there: the probe works.
    // (`global` is also a RegExp.prototype getter, so it is only looked for on globalThis itself.)
    const asked = ['JSON', 'Object', 'global', ...hostNames, ...ivmNames];
    const { output } = await probe.call('assess', { objects: [{ ...pod, metadata: { name: asked.join(',') } }] });
    const report = JSON.parse(output.results[0]?.message ?? '{}') as {
      visited: number;
      found: string[];
      topLevel: string[];
    };
    expect(report.visited).toBeGreaterThan(100);
    expect(report.found).toEqual(['JSON', 'Object', 'global']);
    expect(report.topLevel).toEqual(['JSON', 'Object']);
  });

  it('refuses a manifest asking for a contract the kernel lacks (PLUGIN_CONTRACT_MISMATCH)', () => {
    const pkg = healthPackage('test.future');
    pkg.driftless.contract = '^2.0.0';
    expect(() => validatePluginPackage(pkg)).toThrow(expect.objectContaining({ code: 'PLUGIN_CONTRACT_MISMATCH' }));
  });

  it('refuses a bundle built for another contract version (PLUGIN_CONTRACT_MISMATCH)', async () => {
    const source = `var __driftlessPlugin = { default: { kind: 'DriftlessPlugin', contract: 'driftless.io/plugin/v2', extensionPoint: 'health', handlers: { assess() {} } } };`;
    const error = await expectFailure(harness.load({ packageJson: healthPackage('test.v2-bundle'), source }));
    expect(error.code).toBe('PLUGIN_CONTRACT_MISMATCH');
    await expectControlServes();
  });

  it('refuses a bundle that is not a plugin definition (PLUGIN_INVALID_BUNDLE)', async () => {
    for (const source of ['var __driftlessPlugin = 42;', 'throw new Error("boom")', 'syntax error here (']) {
      const error = await expectFailure(harness.load({ packageJson: healthPackage('test.not-a-plugin'), source }));
      expect(error.code).toBe('PLUGIN_INVALID_BUNDLE');
    }
    await expectControlServes();
  });

  it('fails the calls of a runner that dies with PLUGIN_RUNNER_CRASHED, restarts it and keeps serving', async () => {
    const slow = await harness.load<'health'>({
      packageJson: healthPackage('test.slow'),
      source: `var __driftlessPlugin = { default: { kind: 'DriftlessPlugin', contract: 'driftless.io/plugin/v1', extensionPoint: 'health', handlers: {
        async assess(input, host) { for (let i = 0; i < 20; i++) await host.log.info('tick'); const end = Date.now() + 300; while (Date.now() < end) {} return { results: [] }; } } } };`,
      limits: { wallMsPerCall: 5_000, cpuMsPerCall: 2_000 },
    });
    const [runner] = harness.sandbox.pool.runners();
    const pending = slow.call('assess', { objects: [] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await runner?.kill('SIGKILL');
    const error = await expectFailure(pending);
    expect(error.code).toBe('PLUGIN_RUNNER_CRASHED');
    await expectControlServes();
    expect(harness.sandbox.pool.runners()[0]?.pid).not.toBe(runner?.pid);
  });
});

describe('plugin sandbox: a plugin that kills its runner process', () => {
  let receiver: LoopbackReceiver;

  beforeAll(async () => {
    receiver = await startLoopbackReceiver();
  });

  afterAll(() => receiver.close());

  /** A neighbour's call in flight (waiting 8 s for the receiver) while `new Array(1e9).fill(0)` aborts its runner. */
  async function neighbourDuringCrash(
    isolation: 'shared' | 'dedicated',
  ): Promise<{ crash: PluginError; neighbour: unknown }> {
    const harness = await PluginTestHarness.start({ size: 1 });
    try {
      const grants: Capabilities = { http: { hosts: [receiver.host], networks: ['loopback'] } };
      const neighbour = await harness.load<'health'>({
        packageJson: healthPackage('test.waiting', grants),
        source: await bundlePlugin({ entry: join(__dirname, 'fixtures/waiting/plugin.ts') }),
        grants,
        limits: { wallMsPerCall: 20_000 },
      });
      const crasher = await harness.load<'health'>({
        packageJson: healthPackage('test.crasher'),
        source: await bundlePlugin({ entry: join(casesDir, 'huge-array', 'plugin.ts') }),
        limits: suiteLimits,
        isolation,
      });
      const waiting = neighbour
        .call('assess', {
          objects: [
            { ...pod, metadata: { ...pod.metadata, annotations: { receiver: `${receiver.url}/slow?ms=8000` } } },
          ],
        })
        .then(
          ({ output }) => output.results[0]?.message,
          (error: unknown) => (error instanceof PluginError ? error.code : String(error)),
        );
      const crash = await expectFailure(crasher.call('assess', { objects: [pod] }));
      return { crash, neighbour: await waiting };
    } finally {
      await harness.stop();
    }
  }

  it('fails only its own call when it runs in a runner of its own (as every installed plugin does)', async () => {
    const { crash, neighbour } = await neighbourDuringCrash('dedicated');
    expect(crash.code).toBe('PLUGIN_RUNNER_CRASHED');
    expect(neighbour).toBe('answered 200');
  });

  it('takes the calls in flight with it in a shared runner (why installed plugins get their own)', async () => {
    const { crash, neighbour } = await neighbourDuringCrash('shared');
    expect(crash.code).toBe('PLUGIN_RUNNER_CRASHED');
    expect(neighbour).toBe('PLUGIN_RUNNER_CRASHED');
  });
});
