// kube-sim throughput: API writes per second over HTTP (and in-process), the
// latency of listing 10,000 objects, watch fan-out to 100 watchers and memory
// per 10,000 stored objects.
import { Agent, request, type IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startKubeSim, type KubeSim } from '@driftless/kube-sim';
import { percentile, round, type BenchmarkResult } from './benchmark';

/** A full garbage collection, so heap figures count retained objects only. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

interface Target {
  sim: KubeSim;
  agent: Agent;
  base: string;
  token: string;
}

function call(target: Target, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${target.base}${path}`,
      {
        method,
        agent: target.agent,
        headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const configMap = (name: string, namespace = 'default'): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: { app: 'bench', shard: String(name.length % 4) } },
    data: { key: 'value', other: name },
  });

async function writesPerSecond(target: Target, prefix: string, total: number, concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      const response = await call(
        target,
        'POST',
        '/api/v1/namespaces/default/configmaps',
        configMap(`${prefix}-${index}`),
      );
      if (response.status !== 201) throw new Error(`create failed: ${response.status} ${response.body}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return total / ((performance.now() - started) / 1000);
}

async function listLatencies(target: Target, runs: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const response = await call(target, 'GET', '/api/v1/namespaces/bulk/configmaps');
    latencies.push(performance.now() - started);
    if (run === 0 && (JSON.parse(response.body) as { items: unknown[] }).items.length !== 10_000)
      throw new Error('list did not return 10,000 items');
  }
  return latencies.sort((a, b) => a - b);
}

async function watchFanOut(
  target: Target,
  watchers: number,
  writes: number,
): Promise<{ seconds: number; events: number }> {
  const counts = new Array<number>(watchers).fill(0);
  const responses: IncomingMessage[] = [];
  const watchAgent = new Agent({ keepAlive: false, maxSockets: watchers + 10 });
  const revision = (
    JSON.parse((await call(target, 'GET', '/api/v1/namespaces/fanout/configmaps')).body) as {
      metadata: { resourceVersion: string };
    }
  ).metadata.resourceVersion;
  await Promise.all(
    counts.map(
      (_, index) =>
        new Promise<void>((resolve, reject) => {
          const outgoing = request(
            `${target.base}/api/v1/namespaces/fanout/configmaps?watch=true&resourceVersion=${revision}`,
            { agent: watchAgent, headers: { authorization: `Bearer ${target.token}` } },
            (response) => {
              responses.push(response);
              let pending = '';
              response.on('data', (chunk: Buffer) => {
                pending += chunk.toString();
                const lines = pending.split('\n');
                pending = lines.pop() ?? '';
                counts[index] = (counts[index] ?? 0) + lines.length;
              });
              resolve();
            },
          );
          outgoing.on('error', reject);
          outgoing.end();
        }),
    ),
  );
  const started = performance.now();
  const api = target.sim.clusters[0]!.api;
  const configMaps = api.types.byKind('', 'ConfigMap')!;
  for (let index = 0; index < writes; index += 1)
    api.create(configMaps, 'fanout', JSON.parse(configMap(`f-${index}`, 'fanout')));
  while (counts.some((count) => count < writes)) await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = (performance.now() - started) / 1000;
  for (const response of responses) response.destroy();
  watchAgent.destroy();
  return { seconds, events: watchers * writes };
}

export default async function kubeSimBenchmark(): Promise<BenchmarkResult[]> {
  const sim = await startKubeSim({ tls: false, token: 'bench' });
  const cluster = sim.clusters[0]!;
  const target: Target = {
    sim,
    agent: new Agent({ keepAlive: true, maxSockets: 64 }),
    base: cluster.server,
    token: cluster.token,
  };
  const results: BenchmarkResult[] = [];
  try {
    await writesPerSecond(target, 'warmup', 500, 16);
    const httpWrites = await writesPerSecond(target, 'write', 10_000, 32);
    results.push({
      name: 'creates/s over HTTP (keep-alive, 32 in flight)',
      value: round(httpWrites, 0),
      unit: 'writes/s',
      goal: '>= 5000',
    });

    const api = cluster.api;
    const configMaps = api.types.byKind('', 'ConfigMap')!;
    const namespaces = api.types.byKind('', 'Namespace')!;
    api.create(namespaces, undefined, { metadata: { name: 'bulk' } });
    api.create(namespaces, undefined, { metadata: { name: 'fanout' } });
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    let started = performance.now();
    for (let index = 0; index < 10_000; index += 1)
      api.create(configMaps, 'bulk', JSON.parse(configMap(`bulk-${String(index).padStart(5, '0')}`, 'bulk')), {
        fieldManager: 'bench',
      });
    const inProcess = 10_000 / ((performance.now() - started) / 1000);
    collectGarbage();
    const heapAfter = process.memoryUsage().heapUsed;
    results.push({ name: 'creates/s in process (ClusterApi, no HTTP)', value: round(inProcess, 0), unit: 'writes/s' });
    results.push({
      name: 'retained heap per 10,000 ConfigMaps (with managedFields)',
      value: round((heapAfter - heapBefore) / 2 ** 20, 1),
      unit: 'MiB',
    });

    const latencies = await listLatencies(target, 20);
    results.push({
      name: 'list 10,000 ConfigMaps over HTTP, p50',
      value: round(percentile(latencies, 0.5), 1),
      unit: 'ms',
      goal: '< 100',
    });
    results.push({
      name: 'list 10,000 ConfigMaps over HTTP, p95',
      value: round(percentile(latencies, 0.95), 1),
      unit: 'ms',
    });
    started = performance.now();
    const selected = await call(target, 'GET', '/api/v1/namespaces/bulk/configmaps?labelSelector=shard%3D1');
    results.push({
      name: 'list with labelSelector over 10,000 ConfigMaps',
      value: round(performance.now() - started, 1),
      unit: 'ms',
    });
    void selected;

    const fanOut = await watchFanOut(target, 100, 1000);
    results.push({
      name: 'watch fan-out: 1,000 writes to 100 watchers, all delivered',
      value: round(fanOut.seconds * 1000, 0),
      unit: 'ms',
    });
    results.push({
      name: 'watch fan-out: events delivered per second',
      value: round(fanOut.events / fanOut.seconds, 0),
      unit: 'events/s',
    });
  } finally {
    target.agent.destroy();
    await sim.stop();
  }
  return results;
}
