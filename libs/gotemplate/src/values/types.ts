// The Go value model. Templates see JSON-like data, so the mapping is:
//   undefined  → an invalid reflect.Value (a missing map key; prints "<no value>")
//   null       → a nil interface{}
//   boolean    → bool,  string → string
//   number     → float64 (JSON and YAML numbers decode to float64 in Argo CD and Helm)
//   bigint     → int (template integer constants, len, ...)
//   TypedInt   → the other integer types (int64 from Sprig math, rune constants, ...)
//   Array      → []interface{} unless tagged with GO_TYPE (e.g. []string)
//   plain object → map[string]interface{} unless tagged with GO_TYPE
//   GoStruct   → a struct or pointer to struct with fields and methods
//   GoFunction → a func value usable with `call`

/** Symbol under which arrays and maps carry a Go type name other than the default. */
export const GO_TYPE = Symbol.for('driftless.gotemplate.type');

export type IntType = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64';

export class TypedInt {
  constructor(
    readonly type: IntType,
    readonly value: bigint,
  ) {}
}

export type GoMap = Record<string, unknown>;

/** A Go function value; `call` and methods use the same signature model as FuncMap entries. */
export interface GoFunction {
  readonly goFunction: true;
  readonly signature: Signature;
  readonly typeName: string;
  invoke(args: unknown[]): unknown;
}

export interface Signature {
  params: readonly string[];
  variadic?: string;
  /** True when the Go function returns (value, error). */
  returnsError?: boolean;
}

export class GoStruct {
  constructor(
    /** Go type, e.g. "*chart.Metadata" or "chartutil.Capabilities". */
    readonly typeName: string,
    readonly fields: Record<string, unknown>,
    readonly methods: Record<string, GoFunction> = {},
    /** Custom %v rendering (a String() method in Go). */
    readonly stringer?: () => string,
    /** What encoding/json writes for it (a MarshalJSON method in Go). */
    readonly jsonValue?: () => unknown,
  ) {}
}

export function isGoFunction(value: unknown): value is GoFunction {
  return typeof value === 'object' && value !== null && (value as { goFunction?: unknown }).goFunction === true;
}

export function isPlainMap(value: unknown): value is GoMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** An own entry of a lookup table or map: names such as "constructor" must not reach Object.prototype. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Stores a map entry; "__proto__" is an ordinary key in Go and must not reach the prototype. */
export function putKey(map: GoMap, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

export function taggedArray<T>(items: T[], goType: string): T[] {
  Object.defineProperty(items, GO_TYPE, { value: goType, enumerable: false });
  return items;
}

export function taggedMap<T extends GoMap>(map: T, goType: string): T {
  Object.defineProperty(map, GO_TYPE, { value: goType, enumerable: false });
  return map;
}

function tag(value: object): string | undefined {
  return (value as { [GO_TYPE]?: string })[GO_TYPE];
}

export type Kind =
  'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string' | 'slice' | 'map' | 'struct' | 'ptr' | 'func' | 'interface';

/** Go type name as reflect.Type.String() reports it; null (nil interface) reports "<nil>". */
export function goTypeName(value: unknown): string {
  if (value === undefined || value === null) return '<nil>';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
  }
  if (value instanceof TypedInt) return value.type;
  if (Array.isArray(value)) return tag(value) ?? '[]interface {}';
  if (value instanceof Uint8Array) return '[]uint8';
  if (value instanceof GoStruct) return value.typeName;
  if (isGoFunction(value)) return value.typeName;
  if (typeof value === 'object') return tag(value) ?? 'map[string]interface {}';
  return typeof value;
}

/** reflect.Kind of the concrete value. */
export function kindOf(value: unknown): Kind {
  if (value === undefined) return 'invalid';
  if (value === null) return 'interface';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
  }
  if (value instanceof TypedInt) return value.type.startsWith('u') ? 'uint' : 'int';
  if (Array.isArray(value) || value instanceof Uint8Array) return 'slice';
  if (value instanceof GoStruct) return value.typeName.startsWith('*') ? 'ptr' : 'struct';
  if (isGoFunction(value)) return 'func';
  return 'map';
}

/** Element type name of a slice or map ("interface {}" for data from JSON). */
export function elementTypeName(container: unknown): string {
  const typeName = goTypeName(container);
  if (typeName.startsWith('[]')) return typeName.slice(2);
  const close = typeName.indexOf(']');
  return typeName.startsWith('map[') && close >= 0 ? typeName.slice(close + 1) : 'interface {}';
}

/** Whether an integer-like value (int kinds) and its value as bigint. */
export function integerValue(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (value instanceof TypedInt) return value.value;
  return undefined;
}

/** Go's template truth: false, 0, nil, and empty containers are false. */
export function isTrue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
    case 'number':
      return value !== 0;
    case 'bigint':
      return value !== 0n;
  }
  if (value instanceof TypedInt) return value.value !== 0n;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Uint8Array) return value.length > 0;
  if (value instanceof GoStruct) return true;
  if (isGoFunction(value)) return true;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Go's fmtsort order for map keys (all our map keys are strings). */
export function sortedKeys(map: object): string[] {
  return Object.keys(map).sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  // Compare by UTF-8 bytes, as Go does; UTF-16 order differs only around surrogates.
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function makeFunction(typeName: string, signature: Signature, invoke: (args: unknown[]) => unknown): GoFunction {
  return { goFunction: true, signature, typeName, invoke };
}
