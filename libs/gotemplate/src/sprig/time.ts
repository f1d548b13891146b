// Go's time.Time for templates: layout-based Format and Parse ("2006-01-02"),
// time zones through Intl, Duration.String. "Local" is UTC: plugins run
// without a host time zone.
import { GoError } from '../exec/function';
import { GoStruct, makeFunction, own, TypedInt } from '../values/types';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface Zone {
  name: string;
  /** IANA name for Intl, or null for a fixed offset. */
  iana: string | null;
  fixedOffset: number;
}

export const UTC: Zone = { name: 'UTC', iana: null, fixedOffset: 0 };

export function loadLocation(name: string): Zone | null {
  if (name === '' || name === 'UTC' || name === 'Local') return UTC;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return { name, iana: name, fixedOffset: 0 };
  } catch {
    return null;
  }
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  yearDay: number;
  offset: number;
  abbreviation: string;
}

/**
 * tzdata's abbreviations (standard, daylight) for zones where Intl has none in
 * en-US; zones missing here fall back to Intl or a numeric "+03" as tzdata does.
 */
const CET: [string, string] = ['CET', 'CEST'];
const EET: [string, string] = ['EET', 'EEST'];
const ZONE_ABBREVIATIONS: Record<string, [string, string?]> = {
  'Africa/Cairo': EET,
  'Africa/Johannesburg': ['SAST'],
  'Africa/Lagos': ['WAT'],
  'Africa/Nairobi': ['EAT'],
  'America/Mexico_City': ['CST'],
  'America/St_Johns': ['NST', 'NDT'],
  'Asia/Hong_Kong': ['HKT'],
  'Asia/Jakarta': ['WIB'],
  'Asia/Jerusalem': ['IST', 'IDT'],
  'Asia/Karachi': ['PKT'],
  'Asia/Kolkata': ['IST'],
  'Asia/Manila': ['PST'],
  'Asia/Seoul': ['KST'],
  'Asia/Shanghai': ['CST'],
  'Asia/Taipei': ['CST'],
  'Asia/Tokyo': ['JST'],
  'Australia/Adelaide': ['ACST', 'ACDT'],
  'Australia/Brisbane': ['AEST'],
  'Australia/Melbourne': ['AEST', 'AEDT'],
  'Australia/Perth': ['AWST'],
  'Australia/Sydney': ['AEST', 'AEDT'],
  'Europe/Amsterdam': CET,
  'Europe/Athens': EET,
  'Europe/Berlin': CET,
  'Europe/Brussels': CET,
  'Europe/Bucharest': EET,
  'Europe/Dublin': ['GMT', 'IST'],
  'Europe/Helsinki': EET,
  'Europe/Kyiv': EET,
  'Europe/Lisbon': ['WET', 'WEST'],
  'Europe/London': ['GMT', 'BST'],
  'Europe/Madrid': CET,
  'Europe/Moscow': ['MSK'],
  'Europe/Paris': CET,
  'Europe/Prague': CET,
  'Europe/Rome': CET,
  'Europe/Stockholm': CET,
  'Europe/Vienna': CET,
  'Europe/Warsaw': CET,
  'Europe/Zurich': CET,
  'Pacific/Auckland': ['NZST', 'NZDT'],
  'Pacific/Honolulu': ['HST'],
};

function intlOffset(iana: string, epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: iana,
    timeZoneName: 'shortOffset',
    year: 'numeric',
  }).formatToParts(new Date(epochMs));
  const text = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d+)(?::(\d+))?/.exec(text);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3] ?? 0) * 60) : 0;
}

function zoneOffset(zone: Zone, epochMs: number): { offset: number; abbreviation: string } {
  if (zone.iana === null) return { offset: zone.fixedOffset, abbreviation: zone.name };
  const offset = intlOffset(zone.iana, epochMs);
  const known = own(ZONE_ABBREVIATIONS, zone.iana);
  if (known !== undefined) {
    const year = new Date(epochMs).getUTCFullYear();
    const standard = Math.min(intlOffset(zone.iana, Date.UTC(year, 0, 1)), intlOffset(zone.iana, Date.UTC(year, 6, 1)));
    return { offset, abbreviation: offset === standard || known[1] === undefined ? known[0] : known[1] };
  }
  const short = new Intl.DateTimeFormat('en-US', { timeZone: zone.iana, timeZoneName: 'short' })
    .formatToParts(new Date(epochMs))
    .find((part) => part.type === 'timeZoneName')?.value;
  const abbreviation =
    short && /^[A-Z]{2,5}$/.test(short) && !short.startsWith('GMT') ? short : formatOffsetAbbreviation(offset);
  return { offset, abbreviation };
}

function formatOffsetAbbreviation(offset: number): string {
  if (offset === 0) return 'UTC';
  const sign = offset < 0 ? '-' : '+';
  const hours = Math.floor(Math.abs(offset) / 3600);
  const minutes = Math.floor((Math.abs(offset) % 3600) / 60);
  return `${sign}${String(hours).padStart(2, '0')}${minutes ? String(minutes).padStart(2, '0') : ''}`;
}

export class GoTime extends GoStruct {
  constructor(
    /** Nanoseconds since the Unix epoch. */
    readonly unixNanos: bigint,
    readonly zone: Zone = UTC,
  ) {
    super(
      'time.Time',
      {},
      {},
      () => formatTime(this, '2006-01-02 15:04:05.999999999 -0700 MST'),
      () => formatTime(this, '2006-01-02T15:04:05.999999999Z07:00'),
    );
    Object.assign(this.methods, timeMethods(this));
  }

  get epochMs(): number {
    return Number(this.unixNanos / 1_000_000n) - (this.unixNanos < 0n && this.unixNanos % 1_000_000n !== 0n ? 1 : 0);
  }

  get nanosecond(): number {
    return Number(((this.unixNanos % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n);
  }

  calendar(): Fields {
    const { offset, abbreviation } = zoneOffset(this.zone, this.epochMs);
    const local = new Date(this.epochMs + offset * 1000);
    const startOfYear = Date.UTC(local.getUTCFullYear(), 0, 1);
    return {
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
      second: local.getUTCSeconds(),
      weekday: local.getUTCDay(),
      yearDay: Math.floor((local.getTime() - startOfYear) / 86_400_000) + 1,
      offset,
      abbreviation,
    };
  }

  in(zone: Zone): GoTime {
    return new GoTime(this.unixNanos, zone);
  }

  add(nanos: bigint): GoTime {
    return new GoTime(this.unixNanos + nanos, this.zone);
  }
}

function timeMethods(time: GoTime): GoStruct['methods'] {
  const method = (params: string[], invoke: (args: unknown[]) => unknown) => makeFunction('func', { params }, invoke);
  const int = (value: number) => BigInt(value);
  return {
    Format: method(['string'], ([layout]) => formatTime(time, layout as string)),
    Unix: method([], () => new TypedInt('int64', floorDiv(time.unixNanos, 1_000_000_000n))),
    UnixMilli: method([], () => new TypedInt('int64', floorDiv(time.unixNanos, 1_000_000n))),
    UnixNano: method([], () => new TypedInt('int64', time.unixNanos)),
    Year: method([], () => int(time.calendar().year)),
    YearDay: method([], () => int(time.calendar().yearDay)),
    Day: method([], () => int(time.calendar().day)),
    Hour: method([], () => int(time.calendar().hour)),
    Minute: method([], () => int(time.calendar().minute)),
    Second: method([], () => int(time.calendar().second)),
    Nanosecond: method([], () => int(time.nanosecond)),
    UTC: method([], () => time.in(UTC)),
    String: method([], () => formatTime(time, '2006-01-02 15:04:05.999999999 -0700 MST')),
  };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n ? quotient - 1n : quotient;
}

const pad = (value: number, width: number, fill = '0'): string => String(value).padStart(width, fill);

/** Layout tokens in the order Go's nextStdChunk recognises them. */
const LAYOUT_TOKEN =
  /January|Jan|Monday|Mon|MST|2006|15|002|01|02|03|04|05|06|_2|1|2|3|4|5|PM|pm|-070000|-07:00:00|-0700|-07:00|-07|Z070000|Z07:00:00|Z0700|Z07:00|Z07|[.,](0+|9+)(?!\d)/g;

function formatOffset(offset: number, token: string): string {
  if (token.startsWith('Z') && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  const hours = pad(Math.floor(absolute / 3600), 2);
  const minutes = pad(Math.floor((absolute % 3600) / 60), 2);
  const seconds = pad(absolute % 60, 2);
  const body = token.replace(/^Z/, '-');
  switch (body) {
    case '-07':
      return sign + hours;
    case '-0700':
      return sign + hours + minutes;
    case '-07:00':
      return `${sign}${hours}:${minutes}`;
    case '-070000':
      return sign + hours + minutes + seconds;
    default:
      return `${sign}${hours}:${minutes}:${seconds}`;
  }
}

export function formatTime(time: GoTime, layout: string): string {
  const f = time.calendar();
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  return layout.replace(LAYOUT_TOKEN, (token) => {
    switch (token) {
      case 'January':
        return MONTHS[f.month - 1]!;
      case 'Jan':
        return MONTHS[f.month - 1]!.slice(0, 3);
      case 'Monday':
        return DAYS[f.weekday]!;
      case 'Mon':
        return DAYS[f.weekday]!.slice(0, 3);
      case 'MST':
        return f.abbreviation;
      case '2006':
        return pad(f.year, 4);
      case '06':
        return pad(f.year % 100, 2);
      case '01':
        return pad(f.month, 2);
      case '1':
        return String(f.month);
      case '02':
        return pad(f.day, 2);
      case '_2':
        return pad(f.day, 2, ' ');
      case '2':
        return String(f.day);
      case '002':
        return pad(f.yearDay, 3);
      case '15':
        return pad(f.hour, 2);
      case '03':
        return pad(hour12, 2);
      case '3':
        return String(hour12);
      case '04':
        return pad(f.minute, 2);
      case '4':
        return String(f.minute);
      case '05':
        return pad(f.second, 2);
      case '5':
        return String(f.second);
      case 'PM':
        return f.hour >= 12 ? 'PM' : 'AM';
      case 'pm':
        return f.hour >= 12 ? 'pm' : 'am';
    }
    if (/^[.,]/.test(token)) {
      const digits = token.length - 1;
      const fraction = pad(time.nanosecond, 9).slice(0, digits);
      if (token[1] === '0') return token[0]! + fraction;
      const trimmed = fraction.replace(/0+$/, '');
      return trimmed === '' ? '' : token[0]! + trimmed;
    }
    return formatOffset(f.offset, token);
  });
}

/** time.ParseInLocation for the layouts templates use. */
export function parseTime(layout: string, text: string, zone: Zone): GoTime {
  const values: Record<string, number> = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanos: 0 };
  let pm: boolean | null = null;
  let offset: number | null = null;
  let rest = text;
  let last = 0;
  let element = '';
  const fail = (): never => {
    throw new GoError(
      `parsing time ${JSON.stringify(text)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(element)}`,
    );
  };
  const take = (pattern: RegExp): string => {
    const match = pattern.exec(rest);
    if (!match) fail();
    rest = rest.slice(match![0].length);
    return match![0];
  };
  for (const match of layout.matchAll(LAYOUT_TOKEN)) {
    const literal = layout.slice(last, match.index);
    element = literal;
    if (!rest.startsWith(literal)) fail();
    rest = rest.slice(literal.length);
    last = match.index;
    const token = match[0];
    element = token;
    switch (token) {
      case 'January':
      case 'Jan': {
        const name = take(/^[A-Za-z]+/);
        const index = MONTHS.findIndex(
          (month) => (token === 'Jan' ? month.slice(0, 3) : month).toLowerCase() === name.toLowerCase(),
        );
        if (index < 0) fail();
        values.month = index + 1;
        break;
      }
      case 'Monday':
      case 'Mon':
        take(/^[A-Za-z]+/);
        break;
      case 'MST':
        take(/^[A-Z]{3,4}|^[+-]\d+/);
        break;
      case '2006':
        values.year = Number(take(/^\d{4}/));
        break;
      case '06': {
        const year = Number(take(/^\d{2}/));
        values.year = year + (year >= 69 ? 1900 : 2000);
        break;
      }
      case '01':
      case '02':
      case '15':
      case '03':
      case '04':
      case '05': {
        const value = Number(take(/^\d{2}/));
        const key = { '01': 'month', '02': 'day', '15': 'hour', '03': 'hour', '04': 'minute', '05': 'second' }[token];
        values[key] = value;
        break;
      }
      case '1':
      case '2':
      case '_2':
      case '3':
      case '4':
      case '5': {
        if (token === '_2') rest = rest.replace(/^ /, '');
        const value = Number(take(/^\d{1,2}/));
        const key = { '1': 'month', '2': 'day', _2: 'day', '3': 'hour', '4': 'minute', '5': 'second' }[token];
        values[key] = value;
        break;
      }
      case '002':
        take(/^\d{3}/);
        break;
      case 'PM':
      case 'pm':
        pm = take(/^(AM|PM|am|pm)/i).toUpperCase() === 'PM';
        break;
      default:
        if (/^[.,]/.test(token)) {
          const fraction = take(/^[.,]\d+/).slice(1);
          values.nanos = Number(fraction.padEnd(9, '0').slice(0, 9));
        } else {
          if (token.startsWith('Z') && rest.startsWith('Z')) {
            rest = rest.slice(1);
            offset = 0;
          } else {
            const sign = take(/^[+-]/) === '-' ? -1 : 1;
            const digits = take(/^\d{2}(:?\d{2})?(:?\d{2})?/).replaceAll(':', '');
            offset =
              sign *
              (Number(digits.slice(0, 2)) * 3600 +
                Number(digits.slice(2, 4) || 0) * 60 +
                Number(digits.slice(4, 6) || 0));
          }
        }
    }
    last = match.index + token.length;
    // Parsing accepts a fractional second after the seconds even when the layout has none.
    if ((token === '05' || token === '5') && /^[.,]\d/.test(rest) && !/^[.,][09]/.test(layout.slice(last))) {
      const fraction = take(/^[.,]\d+/).slice(1);
      values.nanos = Number(fraction.padEnd(9, '0').slice(0, 9));
    }
  }
  const tail = layout.slice(last);
  element = tail;
  if (rest !== tail) {
    if (rest.startsWith(tail))
      throw new GoError(`parsing time ${JSON.stringify(text)}: extra text: ${JSON.stringify(rest.slice(tail.length))}`);
    fail();
  }
  if (pm !== null) {
    if (pm && values.hour! < 12) values.hour! += 12;
    if (!pm && values.hour === 12) values.hour = 0;
  }
  if (values.month! < 1 || values.month! > 12)
    throw new GoError(`parsing time ${JSON.stringify(text)}: month out of range`);
  const wall = Date.UTC(values.year!, values.month! - 1, values.day, values.hour, values.minute, values.second);
  let epochMs: number;
  let resultZone = zone;
  if (offset !== null) {
    epochMs = wall - offset * 1000;
    if (offset !== 0 || zone !== UTC) resultZone = offset === 0 ? UTC : { name: '', iana: null, fixedOffset: offset };
  } else {
    const guess = zoneOffset(zone, wall).offset;
    epochMs = wall - zoneOffset(zone, wall - guess * 1000).offset * 1000;
  }
  return new GoTime(BigInt(epochMs) * 1_000_000n + BigInt(values.nanos!), resultZone);
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** time.ParseDuration. */
export function parseDuration(text: string): bigint {
  const original = text;
  let rest = text;
  let sign = 1n;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') throw new GoError(`time: invalid duration ${JSON.stringify(original)}`);
  let total = 0n;
  while (rest !== '') {
    const match = /^(\d*)(?:\.(\d*))?([a-zµμ]+)/.exec(rest);
    if (!match || (match[1] === '' && (match[2] ?? '') === ''))
      throw new GoError(`time: invalid duration ${JSON.stringify(original)}`);
    const unit = own(UNITS, match[3]!);
    if (unit === undefined)
      throw new GoError(`time: unknown unit ${JSON.stringify(match[3])} in duration ${JSON.stringify(original)}`);
    const whole = BigInt(match[1] || '0');
    const fraction = match[2] ?? '';
    total += whole * unit;
    if (fraction !== '') total += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    rest = rest.slice(match[0].length);
  }
  return sign * total;
}

/** time.Duration.String. */
export function formatDuration(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const negative = nanos < 0n;
  let u = negative ? -nanos : nanos;
  let out: string;
  if (u < 1_000_000_000n) {
    const [unit, scale] = u < 1_000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1_000n] : ['ms', 1_000_000n];
    out = fractional(u, scale) + unit;
  } else {
    const hours = u / 3_600_000_000_000n;
    u -= hours * 3_600_000_000_000n;
    const minutes = u / 60_000_000_000n;
    u -= minutes * 60_000_000_000n;
    out = `${fractional(u, 1_000_000_000n)}s`;
    if (hours > 0n) out = `${hours}h${minutes}m${out}`;
    else if (minutes > 0n) out = `${minutes}m${out}`;
  }
  return negative ? `-${out}` : out;
}

function fractional(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const remainder = value % scale;
  if (remainder === 0n) return whole.toString();
  const digits = scale.toString().length - 1;
  return `${whole}.${remainder.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}
