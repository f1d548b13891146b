// Argo CD parses schedules with robfig/cron v3 limited to five fields (minute hour day-of-month
// month day-of-week) and without descriptors. cron-parser, which evaluates them here, accepts
// more (seconds, @daily, L, W, #, H, 7 for Sunday), so each schedule is first held to the Go
// grammar: what Argo CD refuses is refused here too, with the Go parser's reason.

interface FieldBounds {
  field: string;
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: FieldBounds[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'day-of-month', min: 1, max: 31 },
  { field: 'month', min: 1, max: 12, names: Object.fromEntries(MONTHS.map((name, index) => [name, index + 1])) },
  { field: 'day-of-week', min: 0, max: 6, names: Object.fromEntries(WEEKDAYS.map((name, index) => [name, index])) },
];

/** Why robfig/cron would refuse the schedule, or undefined when it parses. */
export function goCronProblem(schedule: string): string | undefined {
  if (schedule.trim() === '') return 'empty spec string';
  // robfig reads these prefixes as a zone; Driftless keeps the zone in one place.
  if (/^(CRON_)?TZ=/.test(schedule)) return "a TZ= prefix is not supported; set the window's timeZone instead";
  if (schedule.startsWith('@')) return 'parser does not accept descriptors';
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== FIELDS.length)
    return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (const [index, bounds] of FIELDS.entries()) {
    const problem = fieldProblem(fields[index] as string, bounds);
    if (problem) return `${problem} (${bounds.field} field)`;
  }
  return undefined;
}

function fieldProblem(field: string, bounds: FieldBounds): string | undefined {
  for (const expr of field.split(',')) {
    const problem = rangeProblem(expr, bounds);
    if (problem) return problem;
  }
  return undefined;
}

// One comma-separated part: `*`, `?`, `N`, `N-M`, each optionally `/step`.
function rangeProblem(expr: string, { min, max, names }: FieldBounds): string | undefined {
  const rangeAndStep = expr.split('/');
  if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  const lowAndHigh = (rangeAndStep[0] as string).split('-');
  if (lowAndHigh.length > 2) return `too many hyphens: ${expr}`;
  let start = min;
  let end = max;
  if (lowAndHigh[0] !== '*' && lowAndHigh[0] !== '?') {
    const low = parseIntOrName(lowAndHigh[0] as string, names);
    if (typeof low === 'string') return low;
    const high = lowAndHigh.length === 2 ? parseIntOrName(lowAndHigh[1] as string, names) : low;
    if (typeof high === 'string') return high;
    start = low;
    // "N/step" means "N-max/step".
    end = lowAndHigh.length === 1 && rangeAndStep.length === 2 ? max : high;
  }
  if (rangeAndStep.length === 2) {
    const step = parseIntOrName(rangeAndStep[1] as string, undefined);
    if (typeof step === 'string') return step;
    if (step === 0) return `step of range should be a positive number: ${expr}`;
  }
  if (start < min) return `beginning of range (${start}) below minimum (${min}): ${expr}`;
  if (end > max) return `end of range (${end}) above maximum (${max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  return undefined;
}

function parseIntOrName(text: string, names: Record<string, number> | undefined): number | string {
  const named = names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^[+-]?\d+$/.test(text)) return `failed to parse int from ${text}`;
  const value = Number(text);
  return value < 0 ? `negative number (${value}) not allowed: ${text}` : value;
}
