import { type KernelConfig } from '../../config/config.schema';
import { type RedisConnections } from '../../redis/redis-connections.service';
import { decodeRecord } from './record-codec';
import { SyntheticTree } from './testing/synthetic-tree';
import { treeKeys } from './tree-keys';
import { type TreeDeltaMessage, type TreeRecord } from './tree-node';
import { ResourceTreePublisher } from './tree-publisher.service';

/** The few Redis commands the publisher uses, kept in memory. */
function fakeRedis() {
  const values = new Map<string, Buffer>();
  const published: { channel: string; message: TreeDeltaMessage }[] = [];
  const client = {
    getBuffer: (key: string) => Promise.resolve(values.get(key) ?? null),
    set: (key: string, value: Buffer) => {
      values.set(key, value);
      return Promise.resolve('OK');
    },
    multi: () => {
      const steps: (() => void)[] = [];
      const pipeline = {
        set: (key: string, value: Buffer) => (steps.push(() => values.set(key, value)), pipeline),
        pexpire: () => pipeline,
        publish: (channel: string, text: string) => (
          steps.push(() => published.push({ channel, message: JSON.parse(text) as TreeDeltaMessage })),
          pipeline
        ),
        exec: () => Promise.resolve(steps.map((step) => [null, step()])),
      };
      return pipeline;
    },
  };
  return { values, published, connections: { create: () => client } as unknown as RedisConnections };
}

const config = { namespace: 'argocd' } as KernelConfig;
const keys = treeKeys('argocd', 'argocd/shop');

describe('resource tree publisher', () => {
  it('stores the tree and publishes a delta only when something changed', async () => {
    const redis = fakeRedis();
    const publisher = new ResourceTreePublisher(redis.connections, config);
    const world = new SyntheticTree(2, 2);
    publisher.refreshed('argocd/shop', world.snapshot());
    await publisher.settled();
    expect(redis.published).toHaveLength(1);
    expect(redis.published[0]).toMatchObject({ channel: keys.deltas, message: { from: 0, revision: 1 } });
    expect(redis.published[0]?.message.added).toHaveLength(8);

    publisher.refreshed('argocd/shop', world.snapshot());
    await publisher.settled();
    expect(redis.published).toHaveLength(1);

    world.setPodReady(1, 1, false);
    publisher.ownedObjectsChanged(['an-object-in-no-tree']);
    await publisher.settled();
    expect(redis.published).toHaveLength(1);
    publisher.ownedObjectsChanged(['pod-1-1', 'rs-1']);
    await publisher.settled();
    expect(redis.published[1]?.message).toEqual({
      from: 1,
      revision: 2,
      added: [],
      updated: [
        {
          uid: 'pod-1-1',
          resourceVersion: expect.any(String) as unknown,
          health: { status: 'Progressing' },
          info: expect.any(Array) as unknown,
        },
      ],
      removed: [],
    });
    const stored = decodeRecord<TreeRecord>(redis.values.get(keys.tree)!);
    expect(stored.revision).toBe(2);
    expect(stored.nodes.find((node) => node.uid === 'pod-1-1')?.health).toEqual({ status: 'Progressing' });
    publisher.onApplicationShutdown();
  });

  it('continues from the stored tree after a restart, publishing nothing when it is current', async () => {
    const redis = fakeRedis();
    const world = new SyntheticTree(1, 1);
    const first = new ResourceTreePublisher(redis.connections, config);
    first.refreshed('argocd/shop', world.snapshot());
    await first.settled();
    first.onApplicationShutdown();

    const second = new ResourceTreePublisher(redis.connections, config);
    second.refreshed('argocd/shop', world.snapshot());
    await second.settled();
    expect(redis.published).toHaveLength(1);
    world.setPodReady(0, 0, false);
    second.refreshed('argocd/shop', world.snapshot());
    await second.settled();
    expect(redis.published[1]?.message).toMatchObject({ from: 1, revision: 2 });
    second.onApplicationShutdown();
  });

  it('publishes orphanedNodes with what they own, and an orphan that comes or goes as a small delta', async () => {
    const redis = fakeRedis();
    const publisher = new ResourceTreePublisher(redis.connections, config);
    const world = new SyntheticTree(1, 1);
    world.addOrphan('legacy');
    const watching = { admits: () => true };
    publisher.refreshed('argocd/shop', world.snapshot(undefined, watching));
    await publisher.settled();
    const first = decodeRecord<TreeRecord>(redis.values.get(keys.tree)!);
    expect(first.orphanedNodes?.map((node) => node.name)).toEqual(['legacy', 'legacy-rs']);
    expect(first.nodes.map((node) => node.name)).not.toContain('legacy');

    const notes = world.addOrphan('notes', true);
    publisher.refreshed('argocd/shop', world.snapshot(undefined, watching));
    await publisher.settled();
    const added = redis.published[1]!.message;
    expect(added).toEqual({
      from: 1,
      revision: 2,
      added: [],
      updated: [],
      removed: [],
      orphaned: { added: [expect.objectContaining({ kind: 'ConfigMap', name: 'notes' })], updated: [], removed: [] },
    });
    expect(Buffer.byteLength(JSON.stringify(added))).toBeLessThan(1024);

    // Deleted between refreshes: gone from the next build, here asked for by a change below an orphan.
    world.remove(notes);
    world.remove(world.snapshot().cache.childrenOf('legacy')[0]!);
    publisher.ownedObjectsChanged(['legacy-rs', 'legacy']);
    await publisher.settled();
    expect(redis.published[2]?.message.orphaned).toEqual({ added: [], updated: [], removed: ['notes', 'legacy-rs'] });

    publisher.refreshed('argocd/shop', world.snapshot());
    await publisher.settled();
    expect(decodeRecord<TreeRecord>(redis.values.get(keys.tree)!).orphanedNodes).toEqual([]);
    publisher.onApplicationShutdown();
  });
});
