// text/template's predefined functions (funcs.go): and, or, not, len, index,
// slice, call, print*, and the html/js/urlquery escapers.
import { shortCircuit } from '../exec/executor';
import { fn, GoError, type FuncMap } from '../exec/function';
import { sprint, sprintf, sprintln } from '../values/format';
import {
  goTypeName,
  integerValue,
  isGoFunction,
  isPlainMap,
  isTrue,
  own,
  taggedArray,
  TypedInt,
  utf8Decode,
  utf8Encode,
  utf8Length,
} from '../values/types';
import { comparisonFuncs } from './compare';

const value = 'reflect.Value';

function indexArg(index: unknown, cap: number): number {
  const integer = integerValue(index);
  if (integer === undefined) {
    if (index === undefined || index === null) throw new GoError('cannot index slice/array with nil');
    throw new GoError(`cannot index slice/array with type ${goTypeName(index)}`);
  }
  if (integer < 0n || integer > BigInt(cap)) throw new GoError(`index out of range: ${integer}`);
  return Number(integer);
}

function indexItem(item: unknown, indexes: unknown[]): unknown {
  let current = item;
  if (current === undefined || current === null) throw new GoError('index of untyped nil');
  for (const index of indexes) {
    if (current === null || current === undefined) throw new GoError('index of nil pointer');
    if (typeof current === 'string') {
      const bytes = utf8Encode(current);
      const at = indexArg(index, bytes.length);
      if (at === bytes.length) throw new GoError('reflect: string index out of range');
      current = new TypedInt('uint8', BigInt(bytes[at]!));
    } else if (Array.isArray(current) || current instanceof Uint8Array) {
      const at = indexArg(index, current.length);
      if (at === current.length) {
        throw new GoError(`reflect: slice index out of range`);
      }
      current =
        current instanceof Uint8Array ? new TypedInt('uint8', BigInt(current[at]!)) : (current as unknown[])[at];
    } else if (isPlainMap(current)) {
      if (index === undefined || index === null) throw new GoError('value is nil; should be of type string');
      if (typeof index !== 'string') throw new GoError(`value has type ${goTypeName(index)}; should be string`);
      current = Object.hasOwn(current, index) ? current[index] : null;
    } else {
      throw new GoError(`can't index item of type ${goTypeName(current)}`);
    }
  }
  return current;
}

function sliceItem(item: unknown, indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new GoError('slice of untyped nil');
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`);
  let length: number;
  let bytes: Uint8Array | null = null;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
    bytes = utf8Encode(item);
    length = bytes.length;
  } else if (Array.isArray(item)) {
    length = item.length;
  } else {
    throw new GoError(`can't slice item of type ${goTypeName(item)}`);
  }
  const bounds = [0, length, length];
  indexes.forEach((index, i) => (bounds[i] = indexArg(index, length)));
  const [low = 0, high = length, max = length] = bounds;
  if (low > high) throw new GoError(`invalid slice index: ${low} > ${high}`);
  if (indexes.length === 3 && high > max) throw new GoError(`invalid slice index: ${high} > ${max}`);
  if (bytes !== null) return utf8Decode(bytes.slice(low, high));
  const list = item as unknown[];
  const result = list.slice(low, high);
  const tag = goTypeName(list);
  return tag === '[]interface {}' ? result : taggedArray(result, tag);
}

function lengthOf(item: unknown): bigint {
  if (item === null) throw new GoError('len of nil pointer');
  if (typeof item === 'string') return BigInt(utf8Length(item));
  if (Array.isArray(item) || item instanceof Uint8Array) return BigInt(item.length);
  if (isPlainMap(item)) return BigInt(Object.keys(item).length);
  if (item === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
  throw new GoError(`len of type ${goTypeName(item)}`);
}

function callFunction(target: unknown, args: unknown[]): unknown {
  if (target === undefined || target === null) throw new GoError('call of nil');
  if (!isGoFunction(target)) throw new GoError(`non-function of type ${goTypeName(target)}`);
  const { params, variadic } = target.signature;
  if (variadic !== undefined) {
    if (args.length < params.length) {
      throw new GoError(`wrong number of args: got ${args.length} want at least ${params.length}`);
    }
  } else if (args.length !== params.length) {
    throw new GoError(`wrong number of args: got ${args.length} want ${params.length}`);
  }
  const prepared = args.map((arg, i) => {
    const type = i < params.length ? params[i]! : variadic!;
    if (arg === undefined || arg === null) {
      if (type === 'interface {}' || type.startsWith('[]') || type.startsWith('map[') || type.startsWith('*'))
        return null;
      throw new GoError(`arg ${i}: value is nil; should be of type ${type}`);
    }
    if (type === 'interface {}' || goTypeName(arg) === type) return arg;
    const integer = integerValue(arg);
    if (integer !== undefined && /^u?int/.test(type)) return Number(integer);
    throw new GoError(`arg ${i}: value has type ${goTypeName(arg)}; should be ${type}`);
  });
  return target.invoke(prepared);
}

/** The text printed for each argument by the escapers (evalArgs in Go). */
function escaperInput(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((arg) => (arg === undefined || arg === null ? '<no value>' : arg)));
}

export function htmlEscape(text: string): string {
  return text.replace(/[\0"'&<>]/g, (char) => {
    switch (char) {
      case '\0':
        return '\uFFFD';
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      default:
        return '&gt;';
    }
  });
}

const jsReplacements: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

export function jsEscape(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const replacement = own(jsReplacements, char);
    if (replacement !== undefined) out += replacement;
    else if (code < 0x20) out += `\\u00${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (code >= 0x80 && !/[\p{L}\p{M}\p{N}\p{P}\p{S}\u0020]/u.test(char)) {
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += char;
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(text: string): string {
  let out = '';
  for (const byte of utf8Encode(text)) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(char)) out += char;
    else if (char === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export const builtinFuncs: FuncMap = {
  and: shortCircuit.and!,
  or: shortCircuit.or!,
  not: fn([value], ([arg]) => !isTrue(arg)),
  len: fn([value], ([item]) => lengthOf(item), { returnsError: true }),
  index: fn([value], ([item, ...indexes]) => indexItem(item, indexes), { variadic: value, returnsError: true }),
  slice: fn([value], ([item, ...indexes]) => sliceItem(item, indexes), { variadic: value, returnsError: true }),
  call: fn([value], ([target, ...args]) => callFunction(target, args), { variadic: value, returnsError: true }),
  print: fn([], (args) => sprint(args), { variadic: 'interface {}' }),
  printf: fn(['string'], ([format, ...args]) => sprintf(format as string, args), { variadic: 'interface {}' }),
  println: fn([], (args) => sprintln(args), { variadic: 'interface {}' }),
  html: fn([], (args) => htmlEscape(escaperInput(args)), { variadic: 'interface {}' }),
  js: fn([], (args) => jsEscape(escaperInput(args)), { variadic: 'interface {}' }),
  urlquery: fn([], (args) => queryEscape(escaperInput(args)), { variadic: 'interface {}' }),
  ...comparisonFuncs,
};
