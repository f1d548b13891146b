// Sprig's date functions (date.go) over GoTime.
import { fn, type FuncMap } from '../exec/function';
import { TypedInt } from '../values/types';
import { formatDuration, formatTime, GoTime, loadLocation, parseDuration, parseTime, UTC } from './time';

const ANY = 'interface {}';

function now(): GoTime {
  return new GoTime(BigInt(Date.now()) * 1_000_000n);
}

/** The time a date argument denotes: a time, unix seconds (int, int64, int32), else now. */
function timeOf(value: unknown, allowInt32 = true): GoTime {
  if (value instanceof GoTime) return value;
  if (typeof value === 'bigint') return new GoTime(value * 1_000_000_000n);
  if (value instanceof TypedInt && (value.type === 'int64' || (allowInt32 && value.type === 'int32'))) {
    return new GoTime(value.value * 1_000_000_000n);
  }
  return now();
}

function dateInZone(layout: string, value: unknown, zoneName: string): string {
  const zone = loadLocation(zoneName) ?? UTC;
  return formatTime(timeOf(value).in(zone), layout);
}

function durationRound(value: unknown): string {
  let nanos = 0n;
  if (typeof value === 'string') {
    try {
      nanos = parseDuration(value);
    } catch {
      nanos = 0n;
    }
  } else if (value instanceof TypedInt && value.type === 'int64') nanos = value.value;
  else if (value instanceof GoTime) nanos = BigInt(Date.now()) * 1_000_000n - value.unixNanos;
  const u = nanos < 0n ? -nanos : nanos;
  const hour = 3_600_000_000_000n;
  const units: [bigint, string][] = [
    [hour * 24n * 365n, 'y'],
    [hour * 24n * 30n, 'mo'],
    [hour * 24n, 'd'],
    [hour, 'h'],
    [60_000_000_000n, 'm'],
    [1_000_000_000n, 's'],
  ];
  for (const [size, suffix] of units) if (u > size) return `${u / size}${suffix}`;
  return '0s';
}

function toDate(layout: string, text: string): GoTime {
  return parseTime(layout, text, UTC);
}

export const dateFuncs: FuncMap = {
  now: fn([], () => now()),
  date: fn(['string', ANY], ([layout, value]) => dateInZone(layout as string, value, 'Local')),
  dateInZone: fn(['string', ANY, 'string'], ([layout, value, zone]) =>
    dateInZone(layout as string, value, zone as string),
  ),
  date_in_zone: fn(['string', ANY, 'string'], ([layout, value, zone]) =>
    dateInZone(layout as string, value, zone as string),
  ),
  htmlDate: fn([ANY], ([value]) => dateInZone('2006-01-02', value, 'Local')),
  htmlDateInZone: fn([ANY, 'string'], ([value, zone]) => dateInZone('2006-01-02', value, zone as string)),
  dateModify: fn(['string', 'time.Time'], ([modification, time]) => {
    try {
      return (time as GoTime).add(parseDuration(modification as string));
    } catch {
      return time;
    }
  }),
  date_modify: fn(['string', 'time.Time'], ([modification, time]) => {
    try {
      return (time as GoTime).add(parseDuration(modification as string));
    } catch {
      return time;
    }
  }),
  mustDateModify: fn(
    ['string', 'time.Time'],
    ([modification, time]) => (time as GoTime).add(parseDuration(modification as string)),
    {
      returnsError: true,
    },
  ),
  must_date_modify: fn(
    ['string', 'time.Time'],
    ([modification, time]) => (time as GoTime).add(parseDuration(modification as string)),
    {
      returnsError: true,
    },
  ),
  ago: fn([ANY], ([value]) => {
    const time = timeOf(value, false);
    const elapsed = BigInt(Date.now()) * 1_000_000n - time.unixNanos;
    const rounded = ((elapsed + (elapsed >= 0n ? 500_000_000n : -500_000_000n)) / 1_000_000_000n) * 1_000_000_000n;
    return formatDuration(rounded);
  }),
  duration: fn([ANY], ([value]) => {
    let seconds = 0n;
    if (typeof value === 'string') seconds = /^[+-]?\d+$/.test(value) ? BigInt(value) : 0n;
    else if (value instanceof TypedInt && value.type === 'int64') seconds = value.value;
    return formatDuration(BigInt.asIntN(64, seconds * 1_000_000_000n));
  }),
  durationRound: fn([ANY], ([value]) => durationRound(value)),
  toDate: fn(['string', 'string'], ([layout, text]) => {
    try {
      return toDate(layout as string, text as string);
    } catch {
      return new GoTime(-62135596800n * 1_000_000_000n);
    }
  }),
  mustToDate: fn(['string', 'string'], ([layout, text]) => toDate(layout as string, text as string), {
    returnsError: true,
  }),
  unixEpoch: fn(['time.Time'], ([time]) => {
    const t = time as GoTime;
    const seconds = t.unixNanos / 1_000_000_000n - (t.unixNanos < 0n && t.unixNanos % 1_000_000_000n !== 0n ? 1n : 0n);
    return seconds.toString();
  }),
};
