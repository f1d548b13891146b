// The runner boundary over the two transports: runners forked by the kernel
// (Node IPC) and runners in the plugin-runners sidecar (`driftless
// plugin-runner-host`, reached over its Unix socket; here the host runs in
// this process, which is not on the call path: it hands each connection to
// the runner it forks). Same trivial health plugin as plugin-host.bench.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginSandbox, RunnerHost, type SandboxOptions } from '@driftless/plugin-sdk';
import { percentile, round, timePerRun, type BenchmarkResult } from './benchmark';
import { deployment, restartTimes, trivialHealthPlugin } from './plugin-host.bench';

interface Figures {
  singleUs: number;
  concurrentUs: number;
  batchUsPerObject: number;
  loadMs: number;
  restartReadyMs: number;
  restartAnsweredMs: number;
}

async function measure(options: SandboxOptions): Promise<Figures> {
  const restartsToReady: number[] = [];
  const sandbox = new PluginSandbox({
    ...options,
    size: 1,
    crashLoopResetMs: 0,
    onRestart: (event) => restartsToReady.push(event.ms),
  });
  try {
    await sandbox.start();
    const key = 'bench.health@1.0.0';
    await sandbox.load({ key, extensionPoint: 'health', source: trivialHealthPlugin });
    const one = [deployment(0)];
    const thousand = Array.from({ length: 1_000 }, (_, index) => deployment(index));
    const callOne = () => sandbox.call<'health', 'assess'>(key, 'assess', { objects: one });
    const callThousand = () => sandbox.call<'health', 'assess'>(key, 'assess', { objects: thousand });
    for (let warmup = 0; warmup < 200; warmup += 1) await callOne();
    for (let warmup = 0; warmup < 20; warmup += 1) await callThousand();
    const singleMs = await timePerRun(callOne, 1_500);
    const batchMs = await timePerRun(callThousand, 2_000);
    const concurrentMs = await timePerRun(() => Promise.all(Array.from({ length: 100 }, callOne)), 1_500);
    const loads: number[] = [];
    for (let index = 0; index < 20; index += 1) {
      const started = performance.now();
      await sandbox.load({ key: `bench.cold-${index}@1.0.0`, extensionPoint: 'health', source: trivialHealthPlugin });
      loads.push(performance.now() - started);
      await sandbox.unload(`bench.cold-${index}@1.0.0`);
    }
    const restarts = await restartTimes(sandbox, key, 5);
    loads.sort((a, b) => a - b);
    restartsToReady.sort((a, b) => a - b);
    return {
      singleUs: singleMs * 1000,
      concurrentUs: (concurrentMs / 100) * 1000,
      batchUsPerObject: batchMs,
      loadMs: percentile(loads, 0.5),
      restartReadyMs: percentile(restartsToReady, 0.5),
      restartAnsweredMs: percentile(restarts, 0.5),
    };
  } finally {
    await sandbox.stop();
  }
}

function rows(transport: string, figures: Figures): BenchmarkResult[] {
  return [
    { name: `${transport}: 1 object per call, per call`, value: round(figures.singleUs, 1), unit: 'µs' },
    {
      name: `${transport}: 1 object per call, 100 concurrent, per call`,
      value: round(figures.concurrentUs, 1),
      unit: 'µs',
    },
    {
      name: `${transport}: 1,000 objects per call, per object`,
      value: round(figures.batchUsPerObject, 2),
      unit: 'µs',
      goal: '≤ 20 µs',
    },
    { name: `${transport}: load (cold start + round trip), median`, value: round(figures.loadMs, 2), unit: 'ms' },
    { name: `${transport}: restart, killed → ready, median`, value: round(figures.restartReadyMs, 1), unit: 'ms' },
    {
      name: `${transport}: restart, killed → call answered, median`,
      value: round(figures.restartAnsweredMs, 1),
      unit: 'ms',
    },
  ];
}

export default async function pluginRunnerSocketBenchmark(): Promise<BenchmarkResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'driftless-bench-runners-'));
  const socketPath = join(dir, 'runners.sock');
  const host = await RunnerHost.listen({ socketPath });
  try {
    const fork = await measure({});
    const socket = await measure({ runnerSocket: socketPath });
    return [...rows('fork (IPC)', fork), ...rows('socket (sidecar)', socket)];
  } finally {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
}
