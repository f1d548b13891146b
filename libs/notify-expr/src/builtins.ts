// expr-lang's built-in functions that take plain arguments (the predicate ones — all, any, filter,
// map, … — live in the interpreter because they evaluate a sub-expression per element).
import { HostCallError } from './time-methods';
import { GoDuration, parseGoDuration } from './time-values';
import { formatValue, isArray, isMap, typeName, type ExprValue } from './values';

type Builtin = (args: readonly ExprValue[], name: string) => ExprValue;

function arity(name: string, args: readonly ExprValue[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new HostCallError(`${name}() takes ${expected} argument(s), got ${args.length}`);
  }
}

function stringArg(name: string, value: ExprValue, position = 1): string {
  if (typeof value !== 'string')
    throw new HostCallError(`${name}() argument ${position} must be a string, got ${typeName(value)}`);
  return value;
}

function numberArg(name: string, value: ExprValue, position = 1): number {
  if (typeof value !== 'number')
    throw new HostCallError(`${name}() argument ${position} must be a number, got ${typeName(value)}`);
  return value;
}

function arrayArg(name: string, value: ExprValue, position = 1): readonly ExprValue[] {
  if (!isArray(value))
    throw new HostCallError(`${name}() argument ${position} must be an array, got ${typeName(value)}`);
  return value;
}

/** Go's len() of a string counts UTF-8 bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const unary =
  (read: (value: string) => ExprValue): Builtin =>
  (args, name) => {
    arity(name, args, 1);
    return read(stringArg(name, args[0]));
  };

const binaryString =
  (read: (value: string, other: string) => ExprValue): Builtin =>
  (args, name) => {
    arity(name, args, 2);
    return read(stringArg(name, args[0]), stringArg(name, args[1], 2));
  };

function trimChars(text: string, chars: string): string {
  const set = new Set(chars);
  const characters = [...text];
  let start = 0;
  let end = characters.length;
  while (start < end && set.has(characters[start]!)) start += 1;
  while (end > start && set.has(characters[end - 1]!)) end -= 1;
  return characters.slice(start, end).join('');
}

export const BUILTINS: Record<string, Builtin> = {
  len: (args, name) => {
    arity(name, args, 1);
    const value = args[0];
    if (typeof value === 'string') return utf8Length(value);
    if (isArray(value)) return value.length;
    if (isMap(value)) return Object.keys(value).length;
    throw new HostCallError(`invalid argument for len (type ${typeName(value)})`);
  },
  upper: unary((value) => value.toUpperCase()),
  lower: unary((value) => value.toLowerCase()),
  trim: (args, name) => {
    arity(name, args, 1, 2);
    const text = stringArg(name, args[0]);
    return args.length === 2 ? trimChars(text, stringArg(name, args[1], 2)) : text.trim();
  },
  trimPrefix: binaryString((value, prefix) => (value.startsWith(prefix) ? value.slice(prefix.length) : value)),
  trimSuffix: binaryString((value, suffix) =>
    suffix !== '' && value.endsWith(suffix) ? value.slice(0, value.length - suffix.length) : value,
  ),
  hasPrefix: binaryString((value, prefix) => value.startsWith(prefix)),
  hasSuffix: binaryString((value, suffix) => value.endsWith(suffix)),
  indexOf: binaryString((value, part) => value.indexOf(part)),
  lastIndexOf: binaryString((value, part) => value.lastIndexOf(part)),
  split: (args, name) => {
    arity(name, args, 2);
    const text = stringArg(name, args[0]);
    const separator = stringArg(name, args[1], 2);
    return separator === '' ? [...text] : text.split(separator);
  },
  replace: (args, name) => {
    arity(name, args, 3);
    return stringArg(name, args[0]).replaceAll(stringArg(name, args[1], 2), stringArg(name, args[2], 3));
  },
  join: (args, name) => {
    arity(name, args, 1, 2);
    const items = arrayArg(name, args[0]);
    const separator = args.length === 2 ? stringArg(name, args[1], 2) : '';
    return items.map((item, index) => stringArg(name, item, index + 1)).join(separator);
  },
  keys: (args, name) => {
    arity(name, args, 1);
    const map = args[0];
    if (!isMap(map)) throw new HostCallError(`${name}() argument must be a map, got ${typeName(map)}`);
    return Object.keys(map);
  },
  values: (args, name) => {
    arity(name, args, 1);
    const map = args[0];
    if (!isMap(map)) throw new HostCallError(`${name}() argument must be a map, got ${typeName(map)}`);
    return Object.values(map);
  },
  first: (args, name) => {
    arity(name, args, 1);
    return arrayArg(name, args[0])[0] ?? null;
  },
  last: (args, name) => {
    arity(name, args, 1);
    const items = arrayArg(name, args[0]);
    return items[items.length - 1] ?? null;
  },
  abs: (args, name) => {
    arity(name, args, 1);
    return Math.abs(numberArg(name, args[0]));
  },
  max: (args, name) => {
    if (args.length === 0) throw new HostCallError(`${name}() needs at least one argument`);
    return Math.max(...args.map((value, index) => numberArg(name, value, index + 1)));
  },
  min: (args, name) => {
    if (args.length === 0) throw new HostCallError(`${name}() needs at least one argument`);
    return Math.min(...args.map((value, index) => numberArg(name, value, index + 1)));
  },
  sum: (args, name) => {
    arity(name, args, 1);
    return arrayArg(name, args[0]).reduce<number>((total, item, index) => total + numberArg(name, item, index + 1), 0);
  },
  string: (args, name) => {
    arity(name, args, 1);
    return formatValue(args[0]);
  },
  int: (args, name) => {
    arity(name, args, 1);
    const value = args[0];
    if (typeof value === 'number') return Math.trunc(value);
    if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return Number(value.trim());
    throw new HostCallError(`cannot convert ${typeName(value)} ${formatValue(value)} to int`);
  },
  float: (args, name) => {
    arity(name, args, 1);
    const value = args[0];
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
    throw new HostCallError(`cannot convert ${typeName(value)} ${formatValue(value)} to float`);
  },
  type: (args, name) => {
    arity(name, args, 1);
    return typeName(args[0]);
  },
  duration: (args, name) => {
    arity(name, args, 1);
    const nanoseconds = parseGoDuration(stringArg(name, args[0]));
    if (nanoseconds === undefined) throw new HostCallError(`invalid duration ${JSON.stringify(args[0])}`);
    return new GoDuration(nanoseconds);
  },
};

export function isBuiltin(name: string): boolean {
  return Object.hasOwn(BUILTINS, name);
}
