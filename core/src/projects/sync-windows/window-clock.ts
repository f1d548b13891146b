// A window's schedule, zone and duration read once: the clock answers "when does it next open".
// Occurrences are computed in the window's zone (cron-parser), so a daily 23:00 in Europe/Berlin
// opens at 21:00 or 22:00 UTC depending on the date; the duration is elapsed time, as a Go
// time.Duration is. A local time skipped by a DST change fires at the same offset after the jump.
import { parseDuration } from '@driftless/diff';
import { type SyncWindow } from '@driftless/schema';
import { type CronExpression, CronExpressionParser } from 'cron-parser';
import { goCronProblem } from './go-cron-syntax';
import { SyncWindowError } from './sync-window-error';
import { resolveTimeZone } from './time-zone';

export interface WindowClock {
  /** Milliseconds the window stays open after each occurrence; 0 or less: never open. */
  readonly durationMs: number;
  /** The first schedule occurrence strictly after `instant`; undefined when none follows. */
  occurrenceAfter(instant: Date): Date | undefined;
}

const NANOSECONDS_PER_MILLISECOND = 1e6;
// Projects hold few windows, so the set is small; the bound only guards against churn.
const CACHE_LIMIT = 1_000;
const clocks = new Map<string, WindowClock | SyncWindowError>();

/** The window's clock; throws SyncWindowError when the schedule or duration cannot be read. */
export function windowClock(window: SyncWindow): WindowClock {
  const schedule = window.schedule ?? '';
  const duration = window.duration ?? '';
  const { zone } = resolveTimeZone(window.timeZone);
  const key = `${schedule}\n${duration}\n${zone}`;
  let clock = clocks.get(key);
  if (clock === undefined) {
    clock = compileClock(schedule, duration, zone);
    if (clocks.size >= CACHE_LIMIT) clocks.clear();
    clocks.set(key, clock);
  }
  if (clock instanceof SyncWindowError) throw clock;
  return clock;
}

/** Go's time.ParseDuration in milliseconds, or undefined when Go would refuse the text. */
export function parseWindowDuration(duration: string): number | undefined {
  // parseDuration tolerates surrounding spaces; Go does not.
  const nanoseconds = duration === duration.trim() ? parseDuration(duration) : undefined;
  return nanoseconds === undefined ? undefined : nanoseconds / NANOSECONDS_PER_MILLISECOND;
}

/** Why cron-parser cannot evaluate a schedule the Go grammar accepts (e.g. "0 0 31 2 *"). */
export function cronParserProblem(schedule: string, zone: string): string | undefined {
  try {
    CronExpressionParser.parse(schedule, { tz: zone });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function compileClock(schedule: string, duration: string, zone: string): WindowClock | SyncWindowError {
  const syntaxProblem = goCronProblem(schedule) ?? cronParserProblem(schedule, zone);
  if (syntaxProblem) return new SyncWindowError(`cannot parse schedule '${schedule}': ${syntaxProblem}`);
  const durationMs = parseWindowDuration(duration);
  if (durationMs === undefined) {
    return new SyncWindowError(`cannot parse duration '${duration}': time: invalid duration "${duration}"`);
  }
  const expression = CronExpressionParser.parse(schedule, { tz: zone });
  return { durationMs, occurrenceAfter: (instant) => nextOccurrence(expression, instant) };
}

function nextOccurrence(expression: CronExpression, instant: Date): Date | undefined {
  expression.reset(instant);
  try {
    return expression.next().toDate();
  } catch {
    // cron-parser gives up on a schedule with no further occurrence in its search span.
    return undefined;
  }
}
