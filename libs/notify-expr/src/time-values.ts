// Go's time.Time and time.Duration as the trigger conditions see them: exact to the nanosecond for
// instants (seconds + nanos), durations as a nanosecond count, RFC3339 parsing.
import { formatTime } from './time-format';

const NANOS_PER_SECOND = 1_000_000_000;

export class GoDuration {
  constructor(readonly nanoseconds: number) {}
}

export class GoTime {
  constructor(
    /** Whole seconds since the Unix epoch. */
    readonly seconds: number,
    /** Nanoseconds within the second, 0 ≤ nanos < 1e9. */
    readonly nanos: number,
    /** Offset from UTC of the zone the time was written in. */
    readonly offsetSeconds = 0,
  ) {}

  static fromDate(date: Date): GoTime {
    const ms = date.getTime();
    const seconds = Math.floor(ms / 1000);
    return new GoTime(seconds, (ms - seconds * 1000) * 1_000_000);
  }

  static fromNanos(total: number, offsetSeconds = 0): GoTime {
    const seconds = Math.floor(total / NANOS_PER_SECOND);
    return new GoTime(seconds, Math.round(total - seconds * NANOS_PER_SECOND), offsetSeconds);
  }

  /** Nanoseconds between this and `other` (this − other). */
  sub(other: GoTime): number {
    return (this.seconds - other.seconds) * NANOS_PER_SECOND + (this.nanos - other.nanos);
  }

  add(nanoseconds: number): GoTime {
    const totalNanos = this.nanos + nanoseconds;
    const carry = Math.floor(totalNanos / NANOS_PER_SECOND);
    return new GoTime(this.seconds + carry, totalNanos - carry * NANOS_PER_SECOND, this.offsetSeconds);
  }

  compare(other: GoTime): number {
    if (this.seconds !== other.seconds) return this.seconds < other.seconds ? -1 : 1;
    if (this.nanos !== other.nanos) return this.nanos < other.nanos ? -1 : 1;
    return 0;
  }

  equal(other: GoTime): boolean {
    return this.compare(other) === 0;
  }

  /** Calendar fields in the time's own zone. */
  fields(): {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    weekday: number;
    yearDay: number;
  } {
    const local = new Date((this.seconds + this.offsetSeconds) * 1000);
    const year = local.getUTCFullYear();
    const startOfYear = Date.UTC(year, 0, 1);
    return {
      year,
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
      second: local.getUTCSeconds(),
      weekday: local.getUTCDay(),
      yearDay: Math.floor((local.getTime() - startOfYear) / 86_400_000) + 1,
    };
  }

  /** Go's Time.String(): `2006-01-02 15:04:05.999999999 -0700 MST`. */
  toGoString(): string {
    return formatTime(this, '2006-01-02 15:04:05.999999999 -0700 MST');
  }
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Go's time.Parse(time.RFC3339, value); undefined when the text is not a valid RFC3339 time. */
export function parseRfc3339(value: string): GoTime | undefined {
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const fraction = match[7] ? Number(match[7].slice(1).padEnd(9, '0')) : 0;
  const zone = match[8]!;
  const offsetSeconds =
    zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  const utcSeconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetSeconds;
  return new GoTime(utcSeconds, fraction, offsetSeconds);
}

/** Go's Duration.String(): `1h2m3.5s`, `1.5ms`, `0s`. */
export function formatDuration(nanoseconds: number): string {
  if (nanoseconds === 0) return '0s';
  const sign = nanoseconds < 0 ? '-' : '';
  let rest = Math.abs(nanoseconds);
  if (rest < NANOS_PER_SECOND) {
    const [unit, scale] = rest < 1000 ? ['ns', 1] : rest < 1_000_000 ? ['µs', 1000] : ['ms', 1_000_000];
    return `${sign}${trimFraction(rest / scale)}${unit}`;
  }
  const hours = Math.floor(rest / 3_600_000_000_000);
  rest -= hours * 3_600_000_000_000;
  const minutes = Math.floor(rest / 60_000_000_000);
  rest -= minutes * 60_000_000_000;
  const seconds = `${trimFraction(rest / NANOS_PER_SECOND)}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}

function trimFraction(value: number): string {
  return value.toFixed(9).replace(/\.?0+$/, '');
}

/** Go's time.ParseDuration: `1h30m`, `1.5s`, `300ms`, `-2m`. */
export function parseGoDuration(text: string): number | undefined {
  const match = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (!match && text !== '0' && text !== '+0' && text !== '-0') return undefined;
  if (!match) return 0;
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };
  let total = 0;
  for (const part of text.replace(/^[+-]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * units[part[2]!]!;
  }
  return Math.round(match[1] === '-' ? -total : total);
}
