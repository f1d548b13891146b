/** Five-field cron schedules as robfig/cron's standard parser reads them (AppProject sync windows). */

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
] as const;

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

function parseValue(text: string, field: (typeof FIELDS)[number]): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const names: readonly string[] = 'names' in field ? field.names : [];
  const index = names.indexOf(text.toLowerCase());
  return index < 0 ? undefined : index + field.min;
}

function checkPart(part: string, field: (typeof FIELDS)[number]): string | undefined {
  const [range = '', step, ...rest] = part.split('/');
  if (rest.length > 0 || (step !== undefined && !/^[1-9]\d*$/.test(step))) return `bad step in '${part}'`;
  if (range === '*' || range === '?') return undefined;
  const bounds = range.split('-');
  if (bounds.length > 2) return `bad range '${range}'`;
  for (const bound of bounds) {
    const value = parseValue(bound, field);
    if (value === undefined || value < field.min || value > field.max) {
      return `'${bound}' is outside ${field.min}-${field.max}`;
    }
  }
  return undefined;
}

/** Why `schedule` is not a valid five-field cron expression, or undefined when it is. */
export function cronProblem(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (DESCRIPTORS.includes(trimmed) || /^@every\s+\S+$/.test(trimmed)) return undefined;
  const parts = trimmed.split(/\s+/);
  if (parts.length !== FIELDS.length)
    return `expected 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`;
  for (const [index, field] of FIELDS.entries()) {
    for (const item of (parts[index] ?? '').split(',')) {
      const problem = checkPart(item, field);
      if (problem !== undefined) return `${field.name}: ${problem}`;
    }
  }
  return undefined;
}
