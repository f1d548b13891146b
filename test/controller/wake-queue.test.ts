// The controller's per-replica work queue against real Redis (BullMQ): a
// request merges into the app's pending one, one that arrives while the app
// is worked on runs right after, and a request due sooner than the queued
// wake-up does not wait for it.
import { randomUUID } from 'node:crypto';
import { type KernelConfig } from '../../core/src/config/config.schema';
import { WakeQueue } from '../../core/src/controller/queue/wake-queue';
import { RedisConnections } from '../../core/src/redis/redis-connections.service';

jest.setTimeout(30_000);

interface Run {
  app: string;
  request: string[];
}

const connections = new RedisConnections({ redisUrl: 'redis://127.0.0.1:6379' } as KernelConfig);

async function queueRecording(
  runs: Run[],
  work: () => Promise<void> = () => Promise.resolve(),
): Promise<WakeQueue<string[]>> {
  const queue = new WakeQueue<string[]>({
    name: `wake-test-${randomUUID()}`,
    // One client for the queue, one for the worker's blocking reads.
    connection: () => ({
      connection: connections.create('wake-queue-test', { maxRetriesPerRequest: null }),
      prefix: 'driftless-test',
    }),
    concurrency: 4,
    merge: (earlier, later) => [...(earlier ?? []), ...later],
    run: async (app, request) => {
      runs.push({ app, request });
      await work();
    },
    onError: (app, error) => {
      throw new Error(`${app}: ${error.message}`);
    },
  });
  queue.start();
  // start() checks Redis for lost wake-ups in the background; let that finish before the test asks.
  await queue.recoverLost();
  return queue;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt += 1) await new Promise((wake) => setTimeout(wake, 50));
  if (!check()) throw new Error(`still waiting for ${what}`);
}

describe('WakeQueue', () => {
  let queue: WakeQueue<string[]> | undefined;
  afterEach(async () => {
    await queue?.close();
    queue = undefined;
    await connections.onApplicationShutdown();
  });

  it('runs a request due now at once even when a wake-up is queued for much later', async () => {
    const runs: Run[] = [];
    queue = await queueRecording(runs);
    await queue.request('app-a', ['look again later'], 600_000);
    await queue.request('app-a', ['refresh now']);
    await until(() => runs.length === 1, 'the sooner request to run');
    expect(runs).toEqual([{ app: 'app-a', request: ['look again later', 'refresh now'] }]);
    expect(queue.waiting).toBe(0);
  });

  it('merges requests made before the app is picked up, and runs one made during the work right after', async () => {
    const runs: Run[] = [];
    let release: () => void = () => undefined;
    const firstRunHeld = new Promise<void>((resolve) => (release = resolve));
    queue = await queueRecording(runs, () => (runs.length === 1 ? firstRunHeld : Promise.resolve()));
    await queue.request('app-b', ['one'], 200);
    await queue.request('app-b', ['two'], 200);
    await until(() => runs.length === 1, 'the first run');
    await queue.request('app-b', ['three']);
    expect(queue.running).toBe(1);
    release();
    await until(() => runs.length === 2, 'the run asked for during the first');
    expect(runs).toEqual([
      { app: 'app-b', request: ['one', 'two'] },
      { app: 'app-b', request: ['three'] },
    ]);
  });

  it('wakes many apps in one call, each once', async () => {
    const runs: Run[] = [];
    queue = await queueRecording(runs);
    await queue.request('app-c', ['later'], 600_000);
    await queue.requestMany(['app-c', 'app-d', 'app-e'], ['resync']);
    await until(() => runs.length === 3, 'three runs');
    expect(runs.map((run) => run.app).sort()).toEqual(['app-c', 'app-d', 'app-e']);
    expect(runs.find((run) => run.app === 'app-c')?.request).toEqual(['later', 'resync']);
  });
});
