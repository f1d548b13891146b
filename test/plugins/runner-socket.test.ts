// Plugin runners in the plugin-runners sidecar: `driftless plugin-runner-host`
// runs as a process of its own (standing in for the sidecar container), the
// sandbox reaches it over its Unix socket, and runners live under the host,
// with none of its environment. A runner that dies fails only its calls; the
// host going away fails calls with a named error until it is back.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginError, PluginTestHarness, type TestPlugin } from '@driftless/plugin-sdk';
import { loadConfig } from '../../core/src/config/config.schema';
import { MetricsService } from '../../core/src/metrics/metrics.service';
import { PluginHost } from '../../core/src/plugins/plugin-host.service';
import { PluginMetrics } from '../../core/src/plugins/plugin-metrics.service';
import { spawnCli, type CliProcess } from '../support/cli-process';
import { healthPackage } from './support/health-package';

jest.setTimeout(60_000);

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default' } };
const crash = { ...pod, kind: 'Crash' };

// Healthy for every object; an object of kind Crash makes V8 abort the runner process.
const crashOnDemand = `var __driftlessPlugin = { default: { kind: 'DriftlessPlugin', contract: 'driftless.io/plugin/v1', extensionPoint: 'health', handlers: {
  assess(input) {
    if (input.objects.some((object) => object.kind === 'Crash')) new Array(1e9).fill(0);
    return { results: input.objects.map(() => ({ status: 'Healthy', message: 'served' })) };
  } } } };`;

/** What a kubelet puts in every container of a pod, and a variable only the kernel should see. */
const podEnvironment = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  DRIFTLESS_TEST_KERNEL_SECRET: 'kernel-only',
};

async function environmentOf(pid: number): Promise<Record<string, string>> {
  const raw = await readFile(`/proc/${pid}/environ`, 'utf8');
  return Object.fromEntries(
    raw
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

async function parentOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (in parentheses, which may hold spaces): state, ppid, …
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

async function failure(call: Promise<unknown>): Promise<PluginError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PluginError) return error;
    throw error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

async function eventually<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe('plugin runners behind the runner host socket', () => {
  let dir: string;
  let socketPath: string;
  let runnerHost: CliProcess;
  let harness: PluginTestHarness;
  let healthy: TestPlugin<'health'>;

  function startRunnerHost(): Promise<unknown> {
    runnerHost = spawnCli(['plugin-runner-host', '--socket', socketPath], podEnvironment);
    return runnerHost.waitForStderr(/listening on/);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'driftless-runner-socket-'));
    socketPath = join(dir, 'runners.sock');
    await startRunnerHost();
    harness = await PluginTestHarness.start({ size: 1, runnerSocket: socketPath });
    healthy = await harness.load<'health'>({
      packageJson: healthPackage('test.socket-healthy'),
      source: crashOnDemand,
    });
  });

  afterAll(async () => {
    await harness?.stop();
    runnerHost?.child.kill('SIGTERM');
    await runnerHost?.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it('serves calls from runners that the host started, with none of its environment', async () => {
    const { output } = await healthy.call('assess', { objects: [pod, pod] });
    expect(output.results).toEqual([
      { status: 'Healthy', message: 'served' },
      { status: 'Healthy', message: 'served' },
    ]);
    const runnerPid = harness.sandbox.pool.runners()[0]?.pid as number;
    expect(await parentOf(runnerPid)).toBe(runnerHost.child.pid);
    expect(await environmentOf(runnerHost.child.pid as number)).toMatchObject(podEnvironment);
    // Node's own IPC variables aside, a runner gets only what the host chose to give it.
    const given = Object.keys(await environmentOf(runnerPid)).filter((name) => !name.startsWith('NODE_CHANNEL_'));
    expect(given.sort()).toEqual(['DRIFTLESS_RUNNER_TRANSPORT', 'NODE_ENV', 'NODE_PATH', 'PATH', 'TMPDIR']);
  });

  it('fails the call of a plugin that kills its dedicated runner with PLUGIN_RUNNER_CRASHED; its next call works', async () => {
    const crasher = await harness.load<'health'>({
      packageJson: healthPackage('test.socket-crasher'),
      source: crashOnDemand,
      limits: { memoryMb: 32, cpuMsPerCall: 300, wallMsPerCall: 1_500 },
      isolation: 'dedicated',
    });
    const crashed = await failure(crasher.call('assess', { objects: [crash] }));
    expect(crashed.code).toBe('PLUGIN_RUNNER_CRASHED');
    const { output } = await crasher.call('assess', { objects: [pod] });
    expect(output.results).toEqual([{ status: 'Healthy', message: 'served' }]);
    expect((await healthy.call('assess', { objects: [pod] })).output.results).toHaveLength(1);
  });

  it("is where the kernel's plugin host runs plugins when DRIFTLESS_PLUGIN_RUNNER_SOCKET names it", async () => {
    const config = loadConfig({ DRIFTLESS_PLUGIN_RUNNER_SOCKET: socketPath });
    const pluginHost = new PluginHost({ runners: 1 }, new PluginMetrics(new MetricsService()), config);
    try {
      await pluginHost.activate({
        packageJson: healthPackage('test.socket-kernel'),
        source: crashOnDemand,
        grants: {},
        origin: 'builtin',
      });
      const [runner] = pluginHost.sandbox.pool.runners();
      expect(await parentOf(runner?.pid as number)).toBe(runnerHost.child.pid);
    } finally {
      await pluginHost.stop();
    }
  });

  it('fails calls with a named error while the host is down, and serves again once it is back', async () => {
    runnerHost.child.kill('SIGKILL');
    await runnerHost.exited;
    const down = await eventually(async () => {
      const error = await failure(healthy.call('assess', { objects: [pod] }));
      if (!/not reachable/.test(error.message)) throw new Error(`not yet: ${error.message}`);
      return error;
    }, 20_000);
    expect(down.code).toBe('PLUGIN_RUNNER_CRASHED');
    expect(down.message).toContain(socketPath);
    await startRunnerHost();
    const { output } = await eventually(() => healthy.call('assess', { objects: [pod] }), 20_000);
    expect(output.results).toEqual([{ status: 'Healthy', message: 'served' }]);
  });
});
