import { CoalescingQueue } from './coalescing-queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

function queueFor(options: { capacity?: number; concurrency?: number } = {}) {
  const runs: [string, number][] = [];
  const gates = new Map<string, ReturnType<typeof deferred>>();
  let active = 0;
  let maxActive = 0;
  const errors: string[] = [];
  const queue = new CoalescingQueue<number>({
    capacity: options.capacity ?? 10,
    concurrency: options.concurrency ?? 2,
    merge: (waiting, offered) => waiting + offered,
    run: async (key, value) => {
      runs.push([key, value]);
      active += 1;
      maxActive = Math.max(maxActive, active);
      const gate = deferred();
      gates.set(key, gate);
      await gate.promise;
      active -= 1;
      if (key === 'boom') throw new Error('failed');
    },
    onError: (key, error) => errors.push(`${key}: ${error.message}`),
  });
  const release = async (key: string) => {
    gates.get(key)?.resolve();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { queue, runs, release, errors, maxActive: () => maxActive };
}

describe('CoalescingQueue', () => {
  it('runs at most `concurrency` entries at once', async () => {
    const { queue, runs, release, maxActive } = queueFor({ concurrency: 2 });
    for (const key of ['a', 'b', 'c', 'd']) queue.offer(key, 1);
    expect(runs.map(([key]) => key)).toEqual(['a', 'b']);
    await release('a');
    expect(runs.map(([key]) => key)).toEqual(['a', 'b', 'c']);
    await release('b');
    await release('c');
    await release('d');
    await queue.idle();
    expect(maxActive()).toBe(2);
  });

  it('merges offers of a key that waits', async () => {
    const { queue, runs, release } = queueFor({ concurrency: 1 });
    expect(queue.offer('a', 1)).toBe('queued');
    expect(queue.offer('b', 1)).toBe('queued');
    expect(queue.offer('b', 2)).toBe('merged');
    expect(queue.offer('b', 3)).toBe('merged');
    expect(queue.size).toBe(1);
    await release('a');
    await release('b');
    await queue.idle();
    expect(runs).toEqual([
      ['a', 1],
      ['b', 6],
    ]);
  });

  it('runs a key offered while it runs once more afterwards, never twice at once', async () => {
    const { queue, runs, release, maxActive } = queueFor({ concurrency: 4 });
    queue.offer('a', 1);
    queue.offer('a', 2);
    queue.offer('a', 3);
    expect(runs).toEqual([['a', 1]]);
    await release('a');
    expect(runs).toEqual([
      ['a', 1],
      ['a', 5],
    ]);
    await release('a');
    await queue.idle();
    expect(maxActive()).toBe(1);
  });

  it('refuses new keys beyond its capacity, but still merges waiting ones', async () => {
    const { queue, release } = queueFor({ capacity: 2, concurrency: 1 });
    queue.offer('running', 1);
    expect(queue.offer('a', 1)).toBe('queued');
    expect(queue.offer('b', 1)).toBe('queued');
    expect(queue.offer('c', 1)).toBe('full');
    expect(queue.offer('a', 1)).toBe('merged');
    await release('running');
    expect(queue.offer('c', 1)).toBe('queued');
    for (const key of ['a', 'b', 'c']) await release(key);
    await queue.idle();
  });

  it('keeps going after a failed run, and reports it', async () => {
    const { queue, runs, release, errors } = queueFor({ concurrency: 1 });
    queue.offer('boom', 1);
    queue.offer('next', 1);
    await release('boom');
    await release('next');
    await queue.idle();
    expect(errors).toEqual(['boom: failed']);
    expect(runs.map(([key]) => key)).toEqual(['boom', 'next']);
  });

  it('stays bounded under a storm of offers for the same keys', async () => {
    const { queue, runs, release } = queueFor({ capacity: 100, concurrency: 2 });
    const results = new Set<string>();
    for (let i = 0; i < 100_000; i += 1) results.add(queue.offer(`app-${i % 50}`, 1));
    expect(results.has('full')).toBe(false);
    expect(queue.size).toBeLessThanOrEqual(50);
    while (queue.active > 0) for (const [key] of runs.slice(-2)) await release(key);
    await queue.idle();
    // Each app ran once for the first offer and at most once more for all the rest.
    expect(runs.length).toBeLessThanOrEqual(100);
    expect(runs.reduce((sum, [, value]) => sum + value, 0)).toBe(100_000);
  });

  it('takes nothing after close and waits for running entries', async () => {
    const { queue, release } = queueFor({ concurrency: 1 });
    queue.offer('a', 1);
    queue.offer('b', 1);
    const closed = queue.close();
    expect(queue.offer('c', 1)).toBe('full');
    expect(queue.size).toBe(0);
    await release('a');
    await closed;
  });
});
