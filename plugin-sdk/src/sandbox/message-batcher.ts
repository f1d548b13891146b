// Coalesces messages sent in one event-loop turn into one IPC write: the
// boundary then costs per turn, not per call.
export class MessageBatcher<T> {
  private pending: T[] = [];
  private scheduled = false;

  constructor(private readonly write: (batch: T[]) => void) {}

  send(message: T): void {
    this.pending.push(message);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      const batch = this.pending;
      this.pending = [];
      this.scheduled = false;
      this.write(batch);
    });
  }
}
