// startKubeSim as the lead wires it: several clusters with their own ports and
// kubeconfig contexts, plain HTTP, persistence across a restart, and API-level
// fault injection.
import { request as httpRequest } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { load } from 'js-yaml';
import { startKubeSim, type KubeSim } from '../src';
import { caught, statusCode } from './support';

jest.setTimeout(20_000);

function get(
  sim: KubeSim,
  index: number,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const cluster = sim.clusters[index]!;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${cluster.server}${path}`,
      { headers: { authorization: `Bearer ${cluster.token}` } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

function client(sim: KubeSim, context: string): CoreV1Api {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sim.kubeconfigYaml());
  kubeConfig.setCurrentContext(context);
  return kubeConfig.makeApiClient(CoreV1Api);
}

describe('several clusters', () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ clusters: 2, tls: false, token: 'secret-token' });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('serves each cluster on its own port with its own state and one kubeconfig context each', async () => {
    const [first, second] = sim.clusters;
    expect(first!.server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first!.server).not.toBe(second!.server);
    const config = load(sim.kubeconfigYaml()) as {
      'current-context': string;
      contexts: { name: string }[];
      users: { user: { token: string } }[];
    };
    expect(config['current-context']).toBe('kube-sim-1');
    expect(config.contexts.map((context) => context.name)).toEqual(['kube-sim-1', 'kube-sim-2']);
    expect(config.users.every((user) => user.user.token === 'secret-token')).toBe(true);
    await client(sim, 'kube-sim-1').createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'only-in-one' } },
    });
    expect(
      statusCode(
        await caught(() =>
          client(sim, 'kube-sim-2').readNamespacedConfigMap({ name: 'only-in-one', namespace: 'default' }),
        ),
      ),
    ).toBe(404);
  });

  it('injects 429 with Retry-After, 503 and latency at the configured rate, per cluster', async () => {
    const faults = sim.clusters[0]!.faults;
    faults.set({ throttleRate: 1, retryAfterSeconds: 7 });
    const throttled = await get(sim, 0, '/api/v1/namespaces');
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('7');
    expect(JSON.parse(throttled.body)).toMatchObject({ reason: 'TooManyRequests', details: { retryAfterSeconds: 7 } });
    expect((await get(sim, 1, '/api/v1/namespaces')).status).toBe(200);
    faults.set({ serverErrorRate: 0.5, serverErrorCode: 503, seed: 42 });
    const codes: number[] = [];
    for (let index = 0; index < 40; index += 1) codes.push((await get(sim, 0, '/api/v1/namespaces')).status);
    const failures = codes.filter((code) => code === 503).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
    expect(codes.every((code) => code === 200 || code === 503)).toBe(true);
    faults.set({ latencyMs: 150 });
    const started = Date.now();
    expect((await get(sim, 0, '/version')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    faults.clear();
  });

  it('answers status writes with 409 at the configured rate', async () => {
    const core = client(sim, 'kube-sim-1');
    const faults = sim.clusters[0]!.faults;
    faults.set({ statusConflictRate: 1 });
    const namespace = await core.readNamespace({ name: 'default' });
    expect(statusCode(await caught(() => core.replaceNamespaceStatus({ name: 'default', body: namespace })))).toBe(409);
    expect(faults.counts.statusConflicts).toBe(1);
    faults.clear();
  });

  it('drops watch connections after the configured time', async () => {
    sim.clusters[0]!.faults.set({ dropWatchesAfterMs: 100 });
    const started = Date.now();
    const closed = await get(sim, 0, '/api/v1/namespaces?watch=true').catch((error: unknown) => error);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(closed).toBeDefined();
    expect(sim.clusters[0]!.faults.counts.droppedWatches).toBe(1);
    sim.clusters[0]!.faults.clear();
  });
});

describe('persistence', () => {
  it('keeps objects and resourceVersions across a restart with the same dataDir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kube-sim-data-'));
    try {
      const first = await startKubeSim({ tls: false, dataDir });
      const created = await client(first, 'kube-sim-1').createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'durable' }, data: { k: 'v' } },
      });
      const revision = first.clusters[0]!.store.revision;
      await first.stop();
      expect(JSON.parse(await readFile(join(dataDir, 'kube-sim-1.json'), 'utf8'))).toMatchObject({
        format: 'kube-sim/v1',
        revision,
      });
      const second = await startKubeSim({ tls: false, dataDir });
      try {
        const read = await client(second, 'kube-sim-1').readNamespacedConfigMap({
          name: 'durable',
          namespace: 'default',
        });
        expect(read.metadata?.uid).toBe(created.metadata?.uid);
        expect(read.data).toEqual({ k: 'v' });
        const next = await client(second, 'kube-sim-1').createNamespacedConfigMap({
          namespace: 'default',
          body: { metadata: { name: 'after' } },
        });
        expect(Number(next.metadata?.resourceVersion)).toBeGreaterThan(revision);
        expect(
          second.clusters[0]!.api.list(second.clusters[0]!.api.types.byKind('', 'Node')!, undefined).items,
        ).toHaveLength(3);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
