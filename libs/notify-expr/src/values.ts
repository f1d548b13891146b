// Runtime values of the interpreter and the Go-like rules that act on them: type names, equality
// (numbers compare by value across int and float, different types are unequal), ordering and `%v`
// formatting (oncePer keys are built with Go's fmt.Sprintf("%v", value)).
import { formatDuration, GoDuration, GoTime } from './time-values';

export { GoDuration, GoTime };

/** A function the environment exposes, e.g. `time.Parse` or a caller-supplied `repo.GetCommitMetadata`. */
export class HostFunction {
  constructor(
    readonly name: string,
    readonly call: (args: ExprValue[]) => ExprValue,
  ) {}
}

export type ExprValue =
  | null
  | undefined
  | boolean
  | number
  | string
  | GoTime
  | GoDuration
  | HostFunction
  | readonly ExprValue[]
  | { readonly [key: string]: ExprValue };

export type ExprMap = { readonly [key: string]: ExprValue };

export function isNil(value: ExprValue): value is null | undefined {
  return value === null || value === undefined;
}

export function isMap(value: ExprValue): value is ExprMap {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof GoTime) &&
    !(value instanceof GoDuration) &&
    !(value instanceof HostFunction)
  );
}

export function isArray(value: ExprValue): value is readonly ExprValue[] {
  return Array.isArray(value);
}

/** Go-flavoured type name used in error messages and by `type()`. */
export function typeName(value: ExprValue): string {
  if (isNil(value)) return 'nil';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'string':
      return 'string';
  }
  if (value instanceof GoTime) return 'time.Time';
  if (value instanceof GoDuration) return 'time.Duration';
  if (value instanceof HostFunction) return 'func';
  return Array.isArray(value) ? 'array' : 'map';
}

/** Own, enumerable key lookup: never reaches the prototype chain (`__proto__`, `constructor`). */
export function getOwn(map: ExprMap, key: string): ExprValue {
  return Object.hasOwn(map, key) ? map[key] : null;
}

export function valuesEqual(left: ExprValue, right: ExprValue): boolean {
  if (isNil(left) || isNil(right)) return isNil(left) && isNil(right);
  if (typeof left === 'number' || typeof right === 'number') return left === right;
  if (typeof left !== 'object' || typeof right !== 'object') return left === right;
  if (left instanceof GoTime) return right instanceof GoTime && left.equal(right);
  if (left instanceof GoDuration) return right instanceof GoDuration && left.nanoseconds === right.nanoseconds;
  if (left instanceof HostFunction || right instanceof HostFunction) return left === right;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item: ExprValue, index: number) => valuesEqual(item, right[index] as ExprValue));
  }
  if (!isMap(left) || !isMap(right)) return false;
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  return leftKeys.every((key) => Object.hasOwn(right, key) && valuesEqual(left[key], right[key]));
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64) spelling, which `%v` uses for floats. */
function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const exponent = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= 21) {
    const [mantissa, power = '0'] = value.toExponential().split('e');
    const sign = power.startsWith('-') ? '-' : '+';
    const digits = power.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}

/** Go's `%v` rendering of a value (maps print with sorted keys, as Go's fmt does). */
export function formatValue(value: ExprValue): string {
  if (isNil(value)) return '<nil>';
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return String(value);
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : formatGoFloat(value);
  }
  if (value instanceof GoTime) return value.toGoString();
  if (value instanceof GoDuration) return formatDuration(value.nanoseconds);
  if (value instanceof HostFunction) return `func ${value.name}`;
  if (Array.isArray(value)) return `[${value.map((item: ExprValue) => formatValue(item)).join(' ')}]`;
  const map = value as ExprMap;
  const keys = Object.keys(map).sort();
  return `map[${keys.map((key) => `${key}:${formatValue(map[key])}`).join(' ')}]`;
}

/** Turns plain JSON-like host data into interpreter values (Dates become GoTime). */
export function fromHost(value: unknown): ExprValue {
  if (value instanceof Date) return GoTime.fromDate(value);
  return value as ExprValue;
}
