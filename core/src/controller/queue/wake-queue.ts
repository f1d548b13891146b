// A per-replica work queue of apps (`app-refresh-<identity>`,
// `app-operation-<identity>`). Apps are sharded by destination cluster, so
// each replica works only on its own apps, and this process decides what the
// work is. A BullMQ job is only a wake-up, and an app has at most one
// waiting: the requests made since the app was last picked up are merged
// here (`merge`), and a request that arrives while the app is being worked
// on runs again right after, so no request is lost and no app is worked on
// twice at once. (BullMQ's own job-id deduplication cannot do this: a job id
// stays taken until the running job completes, so a wake-up sent from its
// last moments would be dropped.)
import { Queue, Worker, type ConnectionOptions } from 'bullmq';

/** A wake-up this far past its due time is taken for lost (a backlog of 10,000 apps drains well within it). */
const LOST_AFTER_MS = 120_000;
/** A job this much early for the request it finds waits for the request's time instead. */
const EARLY_TOLERANCE_MS = 50;

export interface WakeQueueOptions<R> {
  name: string;
  connection: () => { connection: ConnectionOptions; prefix: string };
  concurrency: number;
  /** Two requests for one app, made before it was picked up, as one. */
  merge: (earlier: R | undefined, later: R) => R;
  run: (appKey: string, request: R) => Promise<void>;
  onError: (appKey: string, error: Error) => void;
}

interface MarkerClient {
  exists(key: string): Promise<number>;
  set(key: string, value: string): Promise<unknown>;
}

function isMarkerClient(value: unknown): value is MarkerClient {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as MarkerClient).exists === 'function' &&
    typeof (value as MarkerClient).set === 'function'
  );
}

/** How much work a queue holds (metrics read it). */
export interface QueueDepth {
  readonly waiting: number;
  readonly running: number;
}

export class WakeQueue<R> implements QueueDepth {
  private readonly queue: Queue<{ app: string }>;
  private worker: Worker<{ app: string }> | undefined;
  /** Requests not yet picked up, merged, with the earliest time one of them asked to run at. */
  private readonly pending = new Map<string, { request: R; dueAt: number }>();
  private readonly active = new Set<string>();
  /** Apps with a wake-up job in the queue, and when it is due. */
  private readonly queued = new Map<string, number>();

  /** The queue's own Redis client (the marker key is read with it). */
  private readonly redis: MarkerClient | undefined;
  private readonly marker: string;

  constructor(private readonly options: WakeQueueOptions<R>) {
    const connection = options.connection();
    this.queue = new Queue<{ app: string }>(options.name, connection);
    this.redis = isMarkerClient(connection.connection) ? connection.connection : undefined;
    this.marker = `${connection.prefix}:${options.name}:driftless-alive`;
  }

  start(): void {
    void this.recoverLost().catch(() => undefined);
    this.worker = new Worker<{ app: string }>(
      this.options.name,
      async (job) => {
        const appKey = job.data.app;
        this.queued.delete(appKey);
        const pending = this.pending.get(appKey);
        // A job whose request another job already took (or that outlived a restart): nothing to do.
        if (!pending || this.active.has(appKey)) return;
        // Early for what is asked now (a job left from before): wake again when it is due.
        if (pending.dueAt > Date.now() + EARLY_TOLERANCE_MS) {
          await this.wake(appKey, pending.dueAt - Date.now());
          return;
        }
        this.pending.delete(appKey);
        this.active.add(appKey);
        try {
          await this.options.run(appKey, pending.request);
        } catch (error) {
          this.options.onError(appKey, error instanceof Error ? error : new Error(String(error)));
        } finally {
          this.active.delete(appKey);
          // Asked for while it ran: run again when that request wants it, not at once (a "look again in 5 s").
          const next = this.pending.get(appKey);
          if (next) await this.wake(appKey, Math.max(0, next.dueAt - Date.now()));
        }
      },
      { ...this.options.connection(), concurrency: this.options.concurrency },
    );
    this.worker.on('error', () => undefined);
  }

  /**
   * Whether a request due at `dueAt` needs a wake-up job of its own: none is
   * in the queue, the queued one is long overdue (taken for lost: Redis
   * flushed or restored), or the queued one is due later than this request
   * wants — a "refresh now" must not wait behind a "look again in 30 s".
   * The later job then finds the request taken and does nothing.
   */
  private needsWakeUp(appKey: string, dueAt: number): boolean {
    if (this.active.has(appKey)) return false;
    const queuedFor = this.queued.get(appKey);
    if (queuedFor === undefined || Date.now() >= queuedFor + LOST_AFTER_MS) return true;
    return dueAt + EARLY_TOLERANCE_MS < queuedFor;
  }

  /** Merges the request into the app's pending one; answers when the merged one is due. */
  private remember(appKey: string, request: R, delayMs: number): number {
    const earlier = this.pending.get(appKey);
    const dueAt = Math.min(earlier?.dueAt ?? Infinity, Date.now() + delayMs);
    this.pending.set(appKey, { request: this.options.merge(earlier?.request, request), dueAt });
    return dueAt;
  }

  /** Asks for work on an app; `delayMs` lets a burst of changes coalesce into one. */
  async request(appKey: string, request: R, delayMs = 0): Promise<void> {
    const dueAt = this.remember(appKey, request, delayMs);
    if (!this.needsWakeUp(appKey, dueAt)) return;
    await this.wake(appKey, Math.max(0, dueAt - Date.now()));
  }

  /** Many requests at once (a resync wave, a cold start): one round trip. */
  async requestMany(appKeys: readonly string[], request: R): Promise<void> {
    const waking: string[] = [];
    for (const appKey of appKeys) {
      const dueAt = this.remember(appKey, request, 0);
      if (this.needsWakeUp(appKey, dueAt)) waking.push(appKey);
    }
    if (waking.length === 0) return;
    for (const appKey of waking) this.queued.set(appKey, Date.now());
    await this.queue.addBulk(
      waking.map((appKey) => ({ name: 'wake', data: { app: appKey }, opts: this.jobOptions(0) })),
    );
  }

  /**
   * Wake-up jobs live only in Redis: when Redis lost them (flushed, failed
   * over without persistence), this process's belief that they are queued is
   * dropped, so the next requests add them again. A marker key tells: it is
   * written at start and is gone with the jobs.
   */
  async recoverLost(): Promise<boolean> {
    if (!this.redis) return false;
    if ((await this.redis.exists(this.marker)) === 1) return false;
    await this.redis.set(this.marker, String(Date.now()));
    const lost = this.queued.size > 0;
    this.queued.clear();
    return lost;
  }

  forget(appKey: string): void {
    this.pending.delete(appKey);
  }

  /** Drops every waiting request (the replica lost the shard); running work finishes. */
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
    this.queued.set(appKey, Date.now() + delayMs);
    await this.queue.add('wake', { app: appKey }, this.jobOptions(delayMs));
  }

  private jobOptions(delayMs: number) {
    return {
      delay: delayMs,
      removeOnComplete: true,
      removeOnFail: true,
    };
  }
}
