// Plugin host overhead through the runner boundary (kernel → IPC → runner →
// isolate and back, with output re-validation): a trivial health plugin called
// with one object and with 1,000 objects per call; isolate cold start; and how
// long a killed runner takes to be replaced.
import { PluginSandbox, type KubeObject } from '@driftless/plugin-sdk';
import { MetricsService } from '../core/src/metrics/metrics.service';
import { PluginHost } from '../core/src/plugins/plugin-host.service';
import { PluginMetrics } from '../core/src/plugins/plugin-metrics.service';
import { percentile, round, timePerRun, type BenchmarkResult } from './benchmark';

export const trivialHealthPlugin = `var __driftlessPlugin = { default: { kind: 'DriftlessPlugin', contract: 'driftless.io/plugin/v1', extensionPoint: 'health',
  handlers: { assess(input) { return { results: input.objects.map((o) => ({ status: o.status && o.status.readyReplicas === o.spec.replicas ? 'Healthy' : 'Progressing' })) }; } } } };`;

export function deployment(index: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `web-${index}`, namespace: 'default', labels: { app: 'web' }, generation: 3 },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } },
    status: {
      observedGeneration: 3,
      replicas: 3,
      readyReplicas: 3,
      updatedReplicas: 3,
      conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }],
    },
  };
}

export async function restartTimes(sandbox: PluginSandbox, key: string, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const [runner] = sandbox.pool.runners();
    const started = performance.now();
    await runner?.kill('SIGKILL');
    // The next call waits for the replacement, reloads the plugin and answers.
    await sandbox.call<'health', 'assess'>(key, 'assess', { objects: [deployment(0)] });
    times.push(performance.now() - started);
    // crashLoopResetMs: 0 lets the backoff forget this restart once the replacement is up.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times.sort((a, b) => a - b);
}

/** The kernel's path: registry lookup per object, grouping, one batched call, metrics. */
async function throughPluginHost(objects: KubeObject[]): Promise<number> {
  const host = new PluginHost({ runners: 1 }, new PluginMetrics(new MetricsService()));
  try {
    await host.activate({
      packageJson: {
        name: 'bench-health',
        version: '1.0.0',
        driftless: {
          id: 'bench.health',
          contract: '^1.0.0',
          contributes: { health: { resources: [{ group: 'apps', kind: '*' }] } },
        },
      },
      source: trivialHealthPlugin,
      grants: {},
      origin: 'builtin',
    });
    for (let warmup = 0; warmup < 20; warmup += 1) await host.assessHealth(objects);
    return await timePerRun(() => host.assessHealth(objects), 2_000);
  } finally {
    await host.stop();
  }
}

export default async function pluginHostBenchmark(): Promise<BenchmarkResult[]> {
  const restartsToReady: number[] = [];
  const sandbox = new PluginSandbox({
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
    // Concurrent single-object calls share IPC writes (coalesced per event-loop turn).
    const concurrentMs = await timePerRun(() => Promise.all(Array.from({ length: 100 }, callOne)), 1_500);

    const coldStarts: number[] = [];
    const loadTimes: number[] = [];
    for (let index = 0; index < 30; index += 1) {
      const started = performance.now();
      const { coldStartMs } = await sandbox.load({
        key: `bench.cold-${index}@1.0.0`,
        extensionPoint: 'health',
        source: trivialHealthPlugin,
      });
      loadTimes.push(performance.now() - started);
      coldStarts.push(coldStartMs);
      await sandbox.unload(`bench.cold-${index}@1.0.0`);
    }
    coldStarts.sort((a, b) => a - b);
    loadTimes.sort((a, b) => a - b);
    const restarts = await restartTimes(sandbox, key, 5);
    restartsToReady.sort((a, b) => a - b);
    const hostMs = await throughPluginHost(thousand);

    return [
      { name: 'health, 1 object per call: per call (= per object)', value: round(singleMs * 1000, 1), unit: 'µs' },
      {
        name: 'health, 1 object per call, 100 concurrent: per call',
        value: round((concurrentMs / 100) * 1000, 1),
        unit: 'µs',
      },
      { name: 'health, 1,000 objects per call: per call', value: round(batchMs, 2), unit: 'ms' },
      // ms per 1,000 objects is µs per object.
      { name: 'health, 1,000 objects per call: per object', value: round(batchMs, 2), unit: 'µs', goal: '≤ 20 µs' },
      {
        name: 'PluginHost.assessHealth, 1,000 objects: per object',
        value: round(hostMs, 2),
        unit: 'µs',
        goal: '≤ 20 µs',
      },
      {
        name: 'isolate cold start (create + evaluate bundle), median',
        value: round(percentile(coldStarts, 0.5), 2),
        unit: 'ms',
        goal: '≤ 50 ms',
      },
      { name: 'isolate cold start, p95', value: round(percentile(coldStarts, 0.95), 2), unit: 'ms' },
      {
        name: 'load through IPC (cold start + round trip), median',
        value: round(percentile(loadTimes, 0.5), 2),
        unit: 'ms',
      },
      {
        name: 'runner restart: killed → replacement ready, median',
        value: round(percentile(restartsToReady, 0.5), 1),
        unit: 'ms',
      },
      {
        name: 'runner restart: killed → first call answered, median',
        value: round(percentile(restarts, 0.5), 1),
        unit: 'ms',
      },
    ];
  } finally {
    await sandbox.stop();
  }
}
