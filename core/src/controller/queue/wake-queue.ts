// The `app-refresh` queue of one controller replica. Apps are sharded by
// destination cluster, so each replica refreshes only its own apps: the queue
// is the replica's (`app-refresh-<identity>`), and this process decides the
// level. A BullMQ job is only a wake-up, and an app has at most one waiting:
// the strongest level asked for since the app was last picked up is kept
// here, and a request that arrives while the app is being refreshed runs
// again right after, so no change is lost and no app is refreshed twice at
// once. (BullMQ's own job-id deduplication cannot do this: a job id stays
// taken until the running job completes, so a wake-up sent from its last
// moments would be dropped.)
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { higherLevel, type RefreshLevel } from './refresh-ports';

export interface RefreshRequest {
  level: RefreshLevel;
  /** A user asked (refresh annotation): the status shows a new reconciledAt even if nothing changed. */
  touch: boolean;
}

export interface RefreshQueueOptions {
  name: string;
  connection: () => { connection: ConnectionOptions; prefix: string };
  concurrency: number;
  run: (appKey: string, request: RefreshRequest) => Promise<void>;
  onError: (appKey: string, error: Error) => void;
}

interface Pending {
  level: RefreshLevel;
  touch: boolean;
}

export class RefreshQueue {
  private readonly queue: Queue<{ app: string }>;
  private worker: Worker<{ app: string }> | undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly active = new Set<string>();
  /** Apps with a wake-up job in the queue. */
  private readonly queued = new Set<string>();

  constructor(private readonly options: RefreshQueueOptions) {
    this.queue = new Queue<{ app: string }>(options.name, options.connection());
  }

  start(): void {
    this.worker = new Worker<{ app: string }>(
      this.options.name,
      async (job) => {
        const appKey = job.data.app;
        this.queued.delete(appKey);
        const request = this.pending.get(appKey);
        // A job whose request another job already took (or that outlived a restart): nothing to do.
        if (!request || this.active.has(appKey)) return;
        this.pending.delete(appKey);
        this.active.add(appKey);
        try {
          await this.options.run(appKey, request);
        } catch (error) {
          this.options.onError(appKey, error instanceof Error ? error : new Error(String(error)));
        } finally {
          this.active.delete(appKey);
          if (this.pending.has(appKey)) await this.wake(appKey, 0);
        }
      },
      { ...this.options.connection(), concurrency: this.options.concurrency },
    );
    this.worker.on('error', () => undefined);
  }

  /** Asks for a refresh; `delayMs` lets a burst of live changes coalesce into one. */
  async request(
    appKey: string,
    level: RefreshLevel,
    options: { touch?: boolean; delayMs?: number } = {},
  ): Promise<void> {
    const current = this.pending.get(appKey);
    this.pending.set(appKey, {
      level: higherLevel(current?.level, level),
      touch: Boolean(current?.touch || options.touch),
    });
    if (this.active.has(appKey) || this.queued.has(appKey)) return;
    await this.wake(appKey, options.delayMs ?? 0);
  }

  /** Many requests at once (a resync wave, a cold start): one round trip. */
  async requestMany(appKeys: readonly string[], level: RefreshLevel): Promise<void> {
    const waking: string[] = [];
    for (const appKey of appKeys) {
      const current = this.pending.get(appKey);
      this.pending.set(appKey, { level: higherLevel(current?.level, level), touch: Boolean(current?.touch) });
      if (!this.active.has(appKey) && !this.queued.has(appKey)) waking.push(appKey);
    }
    if (waking.length === 0) return;
    for (const appKey of waking) this.queued.add(appKey);
    await this.queue.addBulk(
      waking.map((appKey) => ({ name: 'refresh', data: { app: appKey }, opts: this.jobOptions(0) })),
    );
  }

  forget(appKey: string): void {
    this.pending.delete(appKey);
  }

  /** Drops every waiting request (the replica lost the shard); running refreshes finish. */
  forgetWhere(matches: (appKey: string) => boolean): void {
    for (const appKey of [...this.pending.keys()]) if (matches(appKey)) this.pending.delete(appKey);
  }

  get waiting(): number {
    return this.pending.size;
  }

  get running(): number {
    return this.active.size;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.obliterate({ force: true }).catch(() => undefined);
    await this.queue.close();
  }

  private async wake(appKey: string, delayMs: number): Promise<void> {
    this.queued.add(appKey);
    await this.queue.add('refresh', { app: appKey }, this.jobOptions(delayMs));
  }

  private jobOptions(delayMs: number) {
    return {
      delay: delayMs,
      removeOnComplete: true,
      removeOnFail: true,
    };
  }
}
