// Standard five-field cron schedules (minute hour day-of-month month
// day-of-week) with *, lists, ranges, steps and the @hourly-style macros.
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function parseField(field: string, [min, max]: [number, number]): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [rangeText = '*', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let low = min;
    let high = max;
    if (rangeText !== '*') {
      const [a, b] = rangeText.split('-');
      low = Number(a);
      high = b === undefined ? (stepText === undefined ? low : max) : Number(b);
    }
    if (
      !Number.isInteger(low) ||
      !Number.isInteger(high) ||
      !Number.isInteger(step) ||
      step < 1 ||
      low < min ||
      high > max
    ) {
      throw new Error(`invalid cron field "${field}" (allowed ${min}-${max})`);
    }
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return values;
}

export interface CronSchedule {
  matches(date: Date): boolean;
}

export function parseCron(expression: string): CronSchedule {
  const fields = (MACROS[expression.trim()] ?? expression).trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`invalid cron schedule "${expression}": expected 5 fields`);
  const [minutes, hours, days, months, weekdays] = fields.map((field, index) =>
    parseField(field, RANGES[index] ?? [0, 59]),
  );
  if (weekdays?.has(7)) weekdays.add(0);
  const dayRestricted = fields[2] !== '*';
  const weekdayRestricted = fields[4] !== '*';
  return {
    matches(date) {
      if (
        !minutes?.has(date.getUTCMinutes()) ||
        !hours?.has(date.getUTCHours()) ||
        !months?.has(date.getUTCMonth() + 1)
      )
        return false;
      const dayMatch = days?.has(date.getUTCDate()) ?? false;
      const weekdayMatch = weekdays?.has(date.getUTCDay()) ?? false;
      // Classic cron: when both day fields are restricted, either may match.
      if (dayRestricted && weekdayRestricted) return dayMatch || weekdayMatch;
      return dayMatch && weekdayMatch;
    },
  };
}

/** The latest minute in (after, until] that the schedule matches, if any. */
export function lastScheduledTime(schedule: CronSchedule, after: Date, until: Date): Date | undefined {
  const minute = 60_000;
  let candidate = Math.floor(until.getTime() / minute) * minute;
  const limit = Math.max(after.getTime(), until.getTime() - 100 * 24 * 60 * minute);
  for (; candidate > limit; candidate -= minute) {
    if (schedule.matches(new Date(candidate))) return new Date(candidate);
  }
  return undefined;
}
