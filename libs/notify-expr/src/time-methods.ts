// Methods callable on time.Time and time.Duration values, as Go defines them:
// `time.Now().Sub(time.Parse(x)).Minutes() >= 5`, `t.Add(1 * time.Minute).Before(u)`.
import { formatTime } from './time-format';
import { formatDuration, GoDuration, GoTime } from './time-values';
import { typeName, type ExprValue } from './values';

/** Thrown by a method or helper for a bad call; the interpreter adds the failing sub-expression. */
export class HostCallError extends Error {}

function durationArg(method: string, value: ExprValue): number {
  if (value instanceof GoDuration) return value.nanoseconds;
  // Go lets an untyped integer constant stand for a Duration (`t.Add(60000000000)`).
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new HostCallError(`${method} expects a time.Duration, got ${typeName(value)}`);
}

function timeArg(method: string, value: ExprValue): GoTime {
  if (value instanceof GoTime) return value;
  throw new HostCallError(`${method} expects a time.Time, got ${typeName(value)}`);
}

function arity(method: string, args: readonly ExprValue[], count: number): void {
  if (args.length !== count) throw new HostCallError(`${method} takes ${count} argument(s), got ${args.length}`);
}

type Method<T> = (receiver: T, args: readonly ExprValue[], name: string) => ExprValue;

const noArgs =
  <T>(read: (receiver: T) => ExprValue): Method<T> =>
  (receiver, args, name) => {
    arity(name, args, 0);
    return read(receiver);
  };

const TIME_METHODS: Record<string, Method<GoTime>> = {
  Sub: (t, args, name) => {
    arity(name, args, 1);
    return new GoDuration(t.sub(timeArg(name, args[0])));
  },
  Add: (t, args, name) => {
    arity(name, args, 1);
    return t.add(durationArg(name, args[0]));
  },
  Before: (t, args, name) => {
    arity(name, args, 1);
    return t.compare(timeArg(name, args[0])) < 0;
  },
  After: (t, args, name) => {
    arity(name, args, 1);
    return t.compare(timeArg(name, args[0])) > 0;
  },
  Equal: (t, args, name) => {
    arity(name, args, 1);
    return t.equal(timeArg(name, args[0]));
  },
  Compare: (t, args, name) => {
    arity(name, args, 1);
    return t.compare(timeArg(name, args[0]));
  },
  Format: (t, args, name) => {
    arity(name, args, 1);
    const layout = args[0];
    if (typeof layout !== 'string') throw new HostCallError(`${name} expects a layout string, got ${typeName(layout)}`);
    return formatTime(t, layout);
  },
  Unix: noArgs((t) => t.seconds),
  UnixMilli: noArgs((t) => t.seconds * 1000 + Math.floor(t.nanos / 1e6)),
  UnixNano: noArgs((t) => t.seconds * 1e9 + t.nanos),
  IsZero: noArgs((t) => t.seconds === -62_135_596_800 && t.nanos === 0),
  Year: noArgs((t) => t.fields().year),
  Month: noArgs((t) => t.fields().month),
  Day: noArgs((t) => t.fields().day),
  Hour: noArgs((t) => t.fields().hour),
  Minute: noArgs((t) => t.fields().minute),
  Second: noArgs((t) => t.fields().second),
  Nanosecond: noArgs((t) => t.nanos),
  Weekday: noArgs((t) => t.fields().weekday),
  YearDay: noArgs((t) => t.fields().yearDay),
  UTC: noArgs((t) => new GoTime(t.seconds, t.nanos, 0)),
  String: noArgs((t) => t.toGoString()),
};

const DURATION_METHODS: Record<string, Method<GoDuration>> = {
  Hours: noArgs((d) => d.nanoseconds / 3.6e12),
  Minutes: noArgs((d) => d.nanoseconds / 6e10),
  Seconds: noArgs((d) => d.nanoseconds / 1e9),
  Milliseconds: noArgs((d) => Math.trunc(d.nanoseconds / 1e6)),
  Microseconds: noArgs((d) => Math.trunc(d.nanoseconds / 1e3)),
  Nanoseconds: noArgs((d) => d.nanoseconds),
  Abs: noArgs((d) => new GoDuration(Math.abs(d.nanoseconds))),
  String: noArgs((d) => formatDuration(d.nanoseconds)),
  Round: (d, args, name) => {
    arity(name, args, 1);
    const unit = durationArg(name, args[0]);
    if (unit <= 0) return d;
    const sign = d.nanoseconds < 0 ? -1 : 1;
    return new GoDuration(sign * Math.round(Math.abs(d.nanoseconds) / unit) * unit);
  },
  Truncate: (d, args, name) => {
    arity(name, args, 1);
    const unit = durationArg(name, args[0]);
    return unit <= 0 ? d : new GoDuration(Math.trunc(d.nanoseconds / unit) * unit);
  },
};

/** Calls `receiver.name(args)`; throws {@link HostCallError} for an unknown method or bad arguments. */
export function callMethod(receiver: GoTime | GoDuration, name: string, args: readonly ExprValue[]): ExprValue {
  const table: Record<string, Method<never>> = receiver instanceof GoTime ? TIME_METHODS : DURATION_METHODS;
  const method = Object.hasOwn(table, name) ? (table[name] as Method<typeof receiver>) : undefined;
  if (!method) throw new HostCallError(`${typeName(receiver)} has no method ${name}`);
  return method(receiver, args, name);
}
