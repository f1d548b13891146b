// Conversions Sprig relies on: spf13/cast's ToInt64/ToFloat64, Sprig's strval
// and empty, and typed-result constructors.
import { formatValue } from '../values/format';
import { GoStruct, integerValue, isGoFunction, taggedArray, TypedInt, utf8Decode } from '../values/types';
import { parseGoInteger } from '../parse/literals';

export const int64 = (value: bigint | number): TypedInt => new TypedInt('int64', BigInt.asIntN(64, BigInt(value)));

/** cast's trimZeroDecimal: "12.00" → "12". */
function trimZeroDecimal(text: string): string {
  let foundZero = false;
  for (let i = text.length; i > 0; i--) {
    const char = text[i - 1];
    if (char === '.') {
      if (foundZero) return text.slice(0, i - 1);
    } else if (char === '0') foundZero = true;
    else return text;
  }
  return text;
}

function floatToInt(value: number): bigint {
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 63) return -(2n ** 63n);
  return BigInt(Math.trunc(value));
}

/** cast.ToInt64: anything unconvertible is 0. */
export function toInt64(value: unknown): bigint {
  const integer = integerValue(value);
  if (integer !== undefined) return integer;
  if (typeof value === 'number') return floatToInt(value);
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'string') {
    const parsed = parseGoInteger(trimZeroDecimal(value));
    return parsed !== null && parsed >= -(2n ** 63n) && parsed < 2n ** 63n ? parsed : 0n;
  }
  return 0n;
}

/** cast.ToFloat64. */
export function toFloat64(value: unknown): number {
  const integer = integerValue(value);
  if (integer !== undefined) return Number(integer);
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const text = value.replaceAll('_', '');
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
    if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(text)) return NaN;
    return 0;
  }
  return 0;
}

/** Sprig's strval: strings as-is, []byte decoded, Stringers via String(), else %v. */
export function strval(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return utf8Decode(value);
  if (value instanceof GoStruct && value.stringer) return value.stringer();
  return formatValue(value);
}

/** Sprig's empty: the zero value of its type, or nil. */
export function empty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  switch (typeof value) {
    case 'string':
      return value.length === 0;
    case 'boolean':
      return !value;
    case 'number':
      return value === 0;
    case 'bigint':
      return value === 0n;
  }
  if (value instanceof TypedInt) return value.value === 0n;
  if (Array.isArray(value) || value instanceof Uint8Array) return value.length === 0;
  // Structs are never empty; pointers to them are empty only when nil.
  if (value instanceof GoStruct) return false;
  if (isGoFunction(value)) return false;
  return Object.keys(value).length === 0;
}

export function stringList(items: string[]): string[] {
  return taggedArray(items, '[]string');
}

export function intList(items: number[]): bigint[] {
  return taggedArray(
    items.map((item) => BigInt(item)),
    '[]int',
  );
}

/** Elements of any slice value, or null when `value` is not a slice. */
export function sliceElements(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value as unknown[];
  if (value instanceof Uint8Array) return [...value].map((byte) => new TypedInt('uint8', BigInt(byte)));
  return null;
}
