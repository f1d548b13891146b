// The controller's wake-up queue on real Redis: a request wanted sooner is not
// held back by a wake-up queued for later (a "look again in 30 s" while a user
// terminates), and the later job then does nothing.
import { randomUUID } from 'node:crypto';
import { type KernelConfig } from '../../core/src/config/config.schema';
import { WakeQueue } from '../../core/src/controller/queue/wake-queue';
import { RedisConnections } from '../../core/src/redis/redis-connections.service';
import { redisUrl } from '../support/test-kernel';

describe('WakeQueue', () => {
  let queue: WakeQueue<string[]>;
  const runs: { at: number; request: string[] }[] = [];

  const connections = new RedisConnections({ redisUrl } as KernelConfig);
  const prefix = `driftless:t-${randomUUID().slice(0, 8)}:bull`;

  beforeAll(async () => {
    queue = new WakeQueue<string[]>({
      name: 'wake-test',
      connection: () => ({ connection: connections.create('wake-test', { maxRetriesPerRequest: null }), prefix }),
      concurrency: 2,
      merge: (earlier, later) => [...(earlier ?? []), ...later],
      run: (_appKey, request) => {
        runs.push({ at: Date.now(), request });
        return Promise.resolve();
      },
      onError: () => undefined,
    });
    // Writes the queue's alive marker now, so the start's lost-job check (which forgets what it
    // believes queued when the marker is missing) cannot race the requests below.
    await queue.recoverLost();
    queue.start();
  });

  afterAll(async () => {
    await queue.close();
    await connections.onApplicationShutdown();
  });

  it('runs a request wanted now at once, though a wake-up is queued for later, and only once', async () => {
    const started = Date.now();
    await queue.request('ns/app', ['look again later'], 3_000);
    await queue.request('ns/app', ['terminate'], 0);
    const deadline = Date.now() + 2_000;
    while (runs.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toEqual([{ at: expect.any(Number), request: ['look again later', 'terminate'] }]);
    expect(runs[0]!.at - started).toBeLessThan(1_500);
    // The job queued for later finds its request taken: nothing runs again.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(runs).toHaveLength(1);
  });
});
