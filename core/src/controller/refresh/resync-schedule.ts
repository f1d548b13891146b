// When each app is next due for its periodic refresh. Pure (the caller
// passes the clock).
import { type ResyncTiming } from './controller-settings';

export class ResyncSchedule {
  private readonly dueAt = new Map<string, number>();

  refreshed(appKey: string, now: number, timing: ResyncTiming): void {
    if (timing.periodMs <= 0) {
      this.dueAt.delete(appKey);
      return;
    }
    this.dueAt.set(appKey, now + timing.periodMs + Math.random() * timing.jitterMs);
  }

  remove(appKey: string): void {
    this.dueAt.delete(appKey);
  }

  /** Apps whose time has come; they leave the schedule until refreshed again. */
  due(now: number): string[] {
    const due: string[] = [];
    for (const [appKey, at] of this.dueAt)
      if (at <= now) {
        due.push(appKey);
        this.dueAt.delete(appKey);
      }
    return due;
  }
}
