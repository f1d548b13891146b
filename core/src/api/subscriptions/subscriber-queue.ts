// What one subscriber has yet to receive. An item pushed under a key that is
// already waiting replaces it in place (a burst of changes to one object goes
// out once, as its latest state). Past `capacity` waiting items the subscriber
// is too slow: everything is dropped and the queue ends as "overflowed", so a
// stalled client costs a bounded amount of memory. One consumer.

export type QueueEnd = 'ended' | 'overflowed';

export class SubscriberQueue<T> {
  private readonly waiting = new Map<string, T>();
  private sequence = 0;
  private wake: (() => void) | undefined;
  private state: 'open' | QueueEnd = 'open';

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Why the queue ended, or undefined while it is open. */
  get ended(): QueueEnd | undefined {
    return this.state === 'open' ? undefined : this.state;
  }

  push(item: T, key?: string): void {
    if (this.state !== 'open') return;
    const slot = key ?? `\u0000${this.sequence++}`;
    if (!this.waiting.has(slot) && this.waiting.size >= this.capacity) {
      this.finish('overflowed');
      return;
    }
    this.waiting.set(slot, item);
    this.notify();
  }

  /** Ends the queue; whatever waits is dropped. */
  end(): void {
    this.finish('ended');
  }

  /** The oldest waiting item, waiting for one if need be; undefined once the queue has ended. */
  async take(): Promise<T | undefined> {
    for (;;) {
      if (this.state !== 'open') return undefined;
      const first = this.waiting.entries().next();
      if (!first.done) {
        this.waiting.delete(first.value[0]);
        return first.value[1];
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private finish(state: QueueEnd): void {
    if (this.state !== 'open') return;
    this.state = state;
    this.waiting.clear();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
