// The resource tree of one huge app (scenario S9 of the performance brief):
// 300 Deployments → 300 ReplicaSets → 900 Pods = 1,500 live objects, held as
// the cluster cache holds them (tracked JSON for the Deployments only).
// - controller: the first build (details of Pods and ReplicaSets were taken
//   by the cache when they arrived: no API reads), then the
//   cost of one Pod changing: walk, details, delta, encode, Redis SET +
//   PUBLISH, through the real ResourceTreePublisher and Redis;
// - the delta message when one Pod changes: bytes on Redis, and as a client
//   receives it over GraphQL;
// - finding the trees an owned object's change touches (uid index), with BENCH_TREE_APPS apps (default
//   10,000) of 25 objects each published;
// - server: `application(name) { resourceTree { nodes {…} } }` over HTTP
//   against a server-role kernel (kube-sim in this process holds the
//   Application; Redis the tree), p50/p95 and response bytes.
import { KubeConfig } from '@kubernetes/client-node';
import { compareApp, compileDiffConfig } from '@driftless/diff';
import { startKubeSim } from '@driftless/kube-sim';
import { loadConfig } from '../core/src/config/config.schema';
import { describeConnection } from '../core/src/kube/cluster-connection';
import { RedisConnections } from '../core/src/redis/redis-connections.service';
import { patchModel } from '../core/src/apps/tree/tree-view';
import { SyntheticTree } from '../core/src/controller/tree/testing/synthetic-tree';
import { treeKeys } from '../core/src/controller/tree/tree-keys';
import { type TreeDeltaMessage } from '../core/src/controller/tree/tree-node';
import { ResourceTreePublisher } from '../core/src/controller/tree/tree-publisher.service';
import { managedResources, type ComparedResources } from '../core/src/controller/tree/managed-resources';
import { encodeRecord } from '../core/src/controller/tree/record-codec';
import { type LiveObject } from '../core/src/controller/live-state/cached-object';
import { createApplication, installArgoCrds } from '../test/support/argo-resources';
import { postGraphql } from '../test/support/graphql';
import { startTestKernel } from '../test/support/test-kernel';
import { percentile, round, type BenchmarkResult } from './benchmark';

const NAMESPACE = 'bench-tree';
const APP_KEY = `${NAMESPACE}/big`;
const manyApps = Number(process.env.BENCH_TREE_APPS ?? 10_000);

const TREE_QUERY = `query { application(name: "big") { resourceTree { revision nodes {
  group version kind namespace name uid resourceVersion createdAt
  parentRefs { group kind namespace name uid } health { status message } info { name value } images } } } }`;

export default async function resourceTreeBench(): Promise<BenchmarkResult[]> {
  const config = loadConfig({
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    DRIFTLESS_NAMESPACE: NAMESPACE,
    LOG_LEVEL: 'silent',
  });
  const connections = new RedisConnections(config);
  const publisher = new ResourceTreePublisher(connections, config);
  const listener = connections.create('bench-tree-listener');
  const results: BenchmarkResult[] = [];
  try {
    await listener.del(treeKeys(NAMESPACE, APP_KEY).tree);
    const world = new SyntheticTree(300, 3);
    let started = performance.now();
    publisher.refreshed(APP_KEY, world.snapshot());
    await publisher.settled();
    results.push({
      name: `controller: first tree (${world.size} objects)`,
      value: round(performance.now() - started),
      unit: 'ms',
    });

    const messages: string[] = [];
    await listener.subscribe(treeKeys(NAMESPACE, APP_KEY).deltas);
    listener.on('message', (_channel: string, text: string) => messages.push(text));
    const costs: number[] = [];
    for (let round_ = 0; round_ < 20; round_++) {
      world.setPodReady(round_ % 300, 0, false);
      started = performance.now();
      publisher.refreshed(APP_KEY, world.snapshot());
      await publisher.settled();
      costs.push(performance.now() - started);
    }
    costs.sort((a, b) => a - b);
    results.push(
      {
        name: 'controller: one Pod changed → build + delta + publish, p50',
        value: round(percentile(costs, 0.5)),
        unit: 'ms',
        goal: '≤ 50 ms',
      },
      { name: 'controller: one Pod changed, p95', value: round(percentile(costs, 0.95)), unit: 'ms' },
    );
    await waitFor(() => messages.length >= 20);
    const delta = JSON.parse(messages.at(-1) as string) as TreeDeltaMessage;
    const clientEvent = {
      data: {
        applicationResourceTree: {
          revision: delta.revision,
          from: delta.from,
          tree: null,
          added: [],
          updated: (delta.updated ?? []).map(patchModel),
          removed: [],
        },
      },
    };
    results.push(
      {
        name: 'delta when one Pod changes: Redis message',
        value: Buffer.byteLength(messages.at(-1) as string),
        unit: 'bytes',
        goal: '≤ 1 KB',
      },
      {
        name: 'delta when one Pod changes: GraphQL event',
        value: Buffer.byteLength(JSON.stringify(clientEvent)),
        unit: 'bytes',
        goal: '≤ 1 KB',
      },
    );

    results.push(managedResourcesCost(world));
    results.push(...(await serverAnswer(config.redisUrl)));
    results.push(...(await ownedChangeDispatch(publisher)));
    await cleanUp(connections);
  } finally {
    publisher.onApplicationShutdown();
    await connections.onApplicationShutdown();
  }
  return results;
}

async function serverAnswer(redisUrl: string): Promise<BenchmarkResult[]> {
  const sim = await startKubeSim({ clusters: 1 });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sim.kubeconfigYaml());
  await installArgoCrds(kubeConfig, NAMESPACE);
  await createApplication(kubeConfig, { name: 'big', namespace: NAMESPACE });
  const kernel = await startTestKernel({
    cluster: describeConnection(kubeConfig, 'kubeconfig'),
    namespace: NAMESPACE,
    roles: ['server'],
    env: { REDIS_URL: redisUrl, NODE_ENV: 'production' },
  });
  try {
    const times: number[] = [];
    let bytes = 0;
    let nodes = 0;
    for (let run = 0; run < 30; run++) {
      const started = performance.now();
      const { body } = await postGraphql<{ application: { resourceTree: { nodes: unknown[] } } }>(
        kernel.url,
        TREE_QUERY,
      );
      times.push(performance.now() - started);
      nodes = body.data?.application.resourceTree.nodes.length ?? 0;
      bytes = Buffer.byteLength(JSON.stringify(body));
    }
    const warm = times.slice(5).sort((a, b) => a - b);
    return [
      {
        name: `server: resourceTree of ${nodes} nodes over HTTP, p50`,
        value: round(percentile(warm, 0.5)),
        unit: 'ms',
        goal: '≤ 200 ms',
      },
      { name: 'server: resourceTree p95', value: round(percentile(warm, 0.95)), unit: 'ms' },
      { name: 'server: resourceTree response', value: round(bytes / 1024), unit: 'KiB' },
    ];
  } finally {
    await kernel.stop();
    await sim.stop();
  }
}

/**
 * What an owned object's change (a Pod) costs the controller with many apps published: finding
 * the trees it touches in the uid index — for the changes of objects in no tree (most of a
 * cluster) that is all — and, for a Pod in a tree, the synchronous part of rebuilding that tree.
 */
async function ownedChangeDispatch(publisher: ResourceTreePublisher): Promise<BenchmarkResult[]> {
  const worlds = Array.from({ length: manyApps }, (_, index) => new SyntheticTree(5, 4, `app${index}-`));
  worlds.forEach((world, index) => publisher.refreshed(`${NAMESPACE}/many-${index}`, world.snapshot()));
  await publisher.settled();
  const changes = 10_000;
  const perChange = (uid: (change: number) => string): number => {
    const started = performance.now();
    for (let change = 0; change < changes; change++) publisher.ownedObjectsChanged([uid(change), `owner-${change}`]);
    return ((performance.now() - started) * 1000) / changes;
  };
  const outside = perChange((change) => `elsewhere-${change}`);
  const inTree = perChange((change) => `app${change % manyApps}-pod-${change % 5}-${change % 4}`);
  await publisher.settled();
  const size = worlds[0]?.size ?? 0;
  return [
    {
      name: `controller: owned-object change in no tree, ${manyApps} apps × ${size} objects published`,
      value: round(outside, 2),
      unit: 'µs per change',
    },
    {
      name: `controller: Pod change in a ${size}-object tree → rebuild scheduled (its synchronous part)`,
      value: round(inTree),
      unit: 'µs per change',
    },
  ];
}

/** What a comparison adds for managed resources: states as JSON, Secret masking, encoding. */
function managedResourcesCost(world: SyntheticTree): BenchmarkResult {
  const live = world.roots.map((root) => JSON.parse(root.json ?? '{}') as LiveObject);
  const desired = live.map(({ apiVersion, kind, metadata, spec }): LiveObject => ({
    apiVersion: apiVersion ?? '',
    kind: kind ?? '',
    metadata: { name: metadata?.name ?? '', namespace: metadata?.namespace ?? '' },
    spec,
  }));
  const comparison = compareApp({
    desired: desired as never,
    live: live as never,
    destinationNamespace: 'shop',
    isNamespaced: () => true,
    config: compileDiffConfig({ ignoreDifferences: [], argocdCm: {} }),
  });
  const input: ComparedResources = {
    comparison,
    desired,
    live: new Map(live.map((object) => [`apps/Deployment/shop/${object.metadata?.name ?? ''}`, object])),
    destinationNamespace: 'shop',
    isNamespaced: () => true,
    maskedAnnotations: [],
  };
  const started = performance.now();
  const runs = 20;
  for (let run = 0; run < runs; run++) encodeRecord(managedResources(input));
  const perResource = ((performance.now() - started) * 1000) / runs / live.length;
  return { name: 'controller: managed resources per compared resource', value: round(perResource, 1), unit: 'µs' };
}

/** The bench's keys go; the namespace is the bench's own. */
async function cleanUp(connections: RedisConnections): Promise<void> {
  const redis = connections.create('bench-tree-cleanup');
  const keys = await redis.keys(`driftless:${NAMESPACE}:app-*`);
  for (let index = 0; index < keys.length; index += 1000) await redis.del(...keys.slice(index, index + 1000));
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('benchmark: published deltas did not arrive');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
