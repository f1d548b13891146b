// A bounded in-process work queue that keeps at most one waiting entry per
// key: offering a key already waiting merges the two (the second refresh of an
// app is the first one), so a storm of events about the same things costs no
// memory or work beyond the first. Entries run with limited concurrency, never
// two of the same key at once; a key offered while it runs waits for that run
// to end and then runs again (it may have been asked for by a newer event).

export interface CoalescingQueueOptions<T> {
  /** Most keys that may wait (running ones do not count); beyond it offers are refused. */
  capacity: number;
  concurrency: number;
  merge(waiting: T, offered: T): T;
  run(key: string, value: T): Promise<void>;
  onError(key: string, error: Error): void;
}

export type OfferResult = 'queued' | 'merged' | 'full';

export class CoalescingQueue<T> {
  private readonly waiting = new Map<string, T>();
  private readonly running = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: CoalescingQueueOptions<T>) {}

  offer(key: string, value: T): OfferResult {
    if (this.closed) return 'full';
    const previous = this.waiting.get(key);
    if (previous !== undefined) {
      this.waiting.set(key, this.options.merge(previous, value));
      return 'merged';
    }
    if (this.waiting.size >= this.options.capacity) return 'full';
    this.waiting.set(key, value);
    this.pump();
    return 'queued';
  }

  /** Keys waiting (not running). */
  get size(): number {
    return this.waiting.size;
  }

  get active(): number {
    return this.running.size;
  }

  /** Resolves once nothing waits or runs. */
  idle(): Promise<void> {
    if (this.waiting.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Takes no more offers, drops what waits, and resolves when the running entries end. */
  close(): Promise<void> {
    this.closed = true;
    this.waiting.clear();
    return this.idle();
  }

  private pump(): void {
    if (this.running.size >= this.options.concurrency) return;
    // Keys skipped here are running: at most `concurrency` of them.
    for (const [key, value] of this.waiting) {
      if (this.running.size >= this.options.concurrency) break;
      if (this.running.has(key)) continue;
      this.waiting.delete(key);
      this.start(key, value);
    }
  }

  private start(key: string, value: T): void {
    this.running.add(key);
    void (async () => {
      try {
        await this.options.run(key, value);
      } catch (error) {
        this.options.onError(key, error instanceof Error ? error : new Error(String(error)));
      } finally {
        this.running.delete(key);
        this.pump();
        if (this.waiting.size === 0 && this.running.size === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      }
    })();
  }
}
