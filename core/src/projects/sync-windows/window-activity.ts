// Whether a window is open at an instant: some occurrence started at or before it and its
// duration has not run out. Looking for the first occurrence after (now - duration) finds
// occurrences that began before now and are still running, such as a daily 23:00 window of 3h
// checked at 01:00 the next day, without scanning backwards through the schedule.
import { type SyncWindow } from '@driftless/schema';
import { type WindowClock, windowClock } from './window-clock';

/**
 * The earliest occurrence whose window [start, start + duration) contains `now`. Argo CD tests
 * the open interval (start, start + duration); the two differ only at the exact opening instant.
 */
export function coveringOccurrence(clock: WindowClock, now: Date): Date | undefined {
  if (clock.durationMs <= 0) return undefined;
  const start = clock.occurrenceAfter(new Date(now.getTime() - clock.durationMs));
  return start !== undefined && start.getTime() <= now.getTime() ? start : undefined;
}

/** Whether the window is open at `now`; throws SyncWindowError for an unreadable window. */
export function isWindowActive(window: SyncWindow, now: Date): boolean {
  return coveringOccurrence(windowClock(window), now) !== undefined;
}
