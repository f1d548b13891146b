// When the sync-window answer for an application next flips (allowed → blocked or back). It can
// only flip where some window opens or closes, so the search steps from one such instant to the
// next and asks canSync there. Windows that never close (e.g. every minute, open an hour) have no
// end to find; the search then gives up and answers undefined rather than spinning.
import { type SyncWindow } from '@driftless/schema';
import { decideForWindows } from './can-sync';
import { SyncWindowError } from './sync-window-error';
import { coveringOccurrence } from './window-activity';
import { type WindowClock, windowClock } from './window-clock';

export interface SyncWindowChange {
  at: Date;
  /** The answer from `at` on. */
  allowed: boolean;
}

// Instants at which some window opens or closes, examined before giving up: enough for a week of
// hourly back-to-back occurrences.
const MAX_STEPS = 500;

/** The next change of canSync for windows already matched to the application, or undefined. */
export function nextSyncWindowChange(
  assigned: readonly SyncWindow[],
  now: Date,
  manual = false,
): SyncWindowChange | undefined {
  let clocks: WindowClock[];
  try {
    clocks = assigned.map(windowClock);
  } catch (error) {
    if (error instanceof SyncWindowError) return undefined;
    throw error;
  }
  const allowedNow = decideForWindows(assigned, { manual, now }).allowed;
  let instant = now;
  for (let step = 0; step < MAX_STEPS; step++) {
    const boundaries = clocks.map((clock) => nextBoundary(clock, instant)).filter((at) => at !== undefined);
    if (boundaries.length === 0) return undefined;
    instant = new Date(Math.min(...boundaries.map((at) => at.getTime())));
    const allowed = decideForWindows(assigned, { manual, now: instant }).allowed;
    if (allowed !== allowedNow) return { at: instant, allowed };
  }
  return undefined;
}

/**
 * The first instant after `instant` at which the window opens or may close: the next occurrence
 * when closed, else the end of the earliest occurrence covering `instant` (a later occurrence may
 * keep it open; the caller then steps on).
 */
export function nextBoundary(clock: WindowClock, instant: Date): Date | undefined {
  if (clock.durationMs <= 0) return undefined;
  const start = coveringOccurrence(clock, instant);
  return start ? new Date(start.getTime() + clock.durationMs) : clock.occurrenceAfter(instant);
}
