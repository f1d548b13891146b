// At most `limit` reads of untracked objects at once across every app of the
// controller: a cold start builds thousands of trees, and each Pod or
// ReplicaSet seen for the first time is one GET to its API server.
export class ReadLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(read: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await read();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
