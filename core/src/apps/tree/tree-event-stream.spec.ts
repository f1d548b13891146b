import { type TreeDeltaMessage, type TreeNode, type TreeRecord } from '../../controller/tree/tree-node';
import { resourceTreeEvents } from './tree-event-stream';
import { type DeltaSubscription } from './tree-deltas.service';

const pod = (uid: string): TreeNode => ({
  group: '',
  kind: 'Pod',
  namespace: 'shop',
  name: uid,
  uid,
  version: 'v1',
  resourceVersion: '1',
});

/** A subscription fed by the test; close() ends a waiting next() at once. */
function fakeSubscription(): DeltaSubscription & { push(message: TreeDeltaMessage): void; closed: boolean } {
  const queue: TreeDeltaMessage[] = [];
  let waiting: ((message: TreeDeltaMessage | undefined) => void) | undefined;
  const fake = {
    closed: false,
    ready: Promise.resolve(),
    push(message: TreeDeltaMessage) {
      if (waiting) waiting(message);
      else queue.push(message);
      waiting = undefined;
    },
    next: () =>
      fake.closed
        ? Promise.resolve(undefined)
        : queue.length
          ? Promise.resolve(queue.shift())
          : new Promise<TreeDeltaMessage | undefined>((resolve) => (waiting = resolve)),
    close() {
      fake.closed = true;
      waiting?.(undefined);
    },
  };
  return fake;
}

describe('resource tree events', () => {
  let stored: TreeRecord;
  let allowed: boolean;
  beforeEach(() => {
    stored = { revision: 3, nodes: [pod('a')] };
    allowed = true;
  });
  const events = (subscription: DeltaSubscription) =>
    resourceTreeEvents({
      subscription,
      readTree: () => Promise.resolve(stored),
      allowed: () => Promise.resolve(allowed),
    });

  it('sends the whole tree, then deltas that follow it, skipping those it already contains', async () => {
    const subscription = fakeSubscription();
    const stream = events(subscription);
    expect((await stream.next()).value).toMatchObject({ revision: 3, from: null, tree: { nodes: [{ uid: 'a' }] } });
    subscription.push({ from: 2, revision: 3, added: [pod('a')], updated: [], removed: [] });
    subscription.push({ from: 3, revision: 4, added: [], updated: [{ uid: 'a', resourceVersion: '2' }], removed: [] });
    expect((await stream.next()).value).toMatchObject({
      revision: 4,
      from: 3,
      tree: null,
      updated: [{ uid: 'a', resourceVersion: '2', cleared: [] }],
    });
  });

  it('sends the whole tree again after a gap or a reset', async () => {
    const subscription = fakeSubscription();
    const stream = events(subscription);
    await stream.next();
    stored = { revision: 6, nodes: [pod('a'), pod('b')] };
    subscription.push({ from: 5, revision: 6, added: [pod('b')] });
    expect((await stream.next()).value).toMatchObject({ revision: 6, tree: { nodes: [{ uid: 'a' }, { uid: 'b' }] } });
    stored = { revision: 7, nodes: [pod('b')] };
    subscription.push({ from: 6, revision: 7, reset: true });
    expect((await stream.next()).value).toMatchObject({ revision: 7, tree: { nodes: [{ uid: 'b' }] } });
  });

  it('sends orphanedNodes with the whole tree and their changes in the orphaned lists of a delta', async () => {
    stored = { revision: 3, nodes: [pod('a')], orphanedNodes: [pod('o1')] };
    const subscription = fakeSubscription();
    const stream = events(subscription);
    expect((await stream.next()).value).toMatchObject({ tree: { orphanedNodes: [{ uid: 'o1' }] } });
    subscription.push({ from: 3, revision: 4, orphaned: { added: [pod('o2')], removed: ['o1'] } });
    expect((await stream.next()).value).toMatchObject({
      revision: 4,
      added: [],
      updated: [],
      removed: [],
      orphanedAdded: [{ uid: 'o2' }],
      orphanedUpdated: [],
      orphanedRemoved: ['o1'],
    });
  });

  it('answers an empty orphanedNodes for a tree stored without them', async () => {
    const stream = events(fakeSubscription());
    expect((await stream.next()).value).toMatchObject({ tree: { nodes: [{ uid: 'a' }], orphanedNodes: [] } });
  });

  it('ends without sending when the caller lost the right to see the app', async () => {
    const subscription = fakeSubscription();
    const stream = events(subscription);
    await stream.next();
    allowed = false;
    subscription.push({ from: 3, revision: 4, removed: ['a'] });
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(subscription.closed).toBe(true);
  });

  it('closes the subscription at once when the client leaves while it waits', async () => {
    const subscription = fakeSubscription();
    const stream = events(subscription);
    await stream.next();
    const pending = stream.next();
    await stream.return?.();
    expect(subscription.closed).toBe(true);
    expect(await pending).toEqual({ done: true, value: undefined });
  });
});
