// Sprig's list functions (list.go). The non-must variants panic where the
// must variants return an error; text/template reports both the same way.
import { fn, GoError, type CallContext, type FuncMap } from '../exec/function';
import { compareStrings, goTypeName, isPlainMap, kindOf, taggedArray, TypedInt } from '../values/types';
import { empty, intList, sliceElements, stringList, strval, toInt64 } from './convert';

const ANY = 'interface {}';

function kindName(value: unknown): string {
  if (value === undefined || value === null)
    throw new GoError('runtime error: invalid memory address or nil pointer dereference');
  const kind = kindOf(value);
  const names: Record<string, string> = { float: 'float64', map: 'map', struct: 'struct', ptr: 'ptr', func: 'func' };
  if (kind === 'int' || kind === 'uint') return goTypeName(value);
  return names[kind] ?? kind;
}

/** Elements of a slice argument, or the Sprig error for the operation. */
function elements(value: unknown, operation: string): unknown[] {
  const items = sliceElements(value);
  if (items === null) throw new GoError(`Cannot ${operation} type ${kindName(value)}`);
  return items;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (goTypeName(a) !== goTypeName(b)) return false;
  if (a instanceof TypedInt && b instanceof TypedInt) return a.value === b.value;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isPlainMap(a) && isPlainMap(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
    );
  }
  return false;
}

function untilStep(start: number, stop: number, step: number, context: CallContext): bigint[] {
  const values: number[] = [];
  if (stop < start) {
    if (step >= 0) return intList(values);
    context.charge(Math.ceil((start - stop) / -step));
    for (let i = start; i > stop; i += step) values.push(i);
    return intList(values);
  }
  if (step <= 0) return intList(values);
  context.charge(Math.ceil((stop - start) / step));
  for (let i = start; i < stop; i += step) values.push(i);
  return intList(values);
}

function chunk(size: number, list: unknown): unknown[][] {
  const items = elements(list, 'chunk');
  const result: unknown[][] = [];
  if (size <= 0) throw new GoError('runtime error: integer divide by zero');
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

function sortAlpha(list: unknown): string[] {
  const items = sliceElements(list);
  if (items === null) return stringList([strval(list)]);
  return stringList(
    items
      .filter((item) => item !== null && item !== undefined)
      .map(strval)
      .sort(compareStrings),
  );
}

function sliceList(list: unknown, indices: unknown[]): unknown {
  const items = sliceElements(list);
  if (items === null) throw new GoError(`list should be type of slice or array but ${kindName(list)}`);
  if (items.length === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0])) : 0;
  const end = indices.length < 2 ? items.length : Number(toInt64(indices[1]));
  if (start < 0 || start > end || end > items.length)
    throw new GoError('reflect.Value.Slice: slice index out of bounds');
  const result = items.slice(start, end);
  const type = goTypeName(list);
  return type === '[]interface {}' ? result : taggedArray(result, type);
}

function concat(lists: unknown[]): unknown[] {
  let result: unknown[] = [];
  for (const list of lists) {
    const items = sliceElements(list);
    if (items === null) throw new GoError(`Cannot concat type ${kindName(list)} as list`);
    if (items.length > 0) result = [...result, ...items];
  }
  return result;
}

/** Defines `name` and `mustName`: same logic, the must form returns the error. */
function pair(
  name: string,
  params: string[],
  impl: (args: unknown[], context: CallContext) => unknown,
  variadic?: string,
): FuncMap {
  const options = variadic === undefined ? {} : { variadic };
  const mustName = `must${name[0]!.toUpperCase()}${name.slice(1)}`;
  return {
    [name]: fn(params, impl, options),
    [mustName]: fn(params, impl, { ...options, returnsError: true }),
  };
}

export const listFuncs: FuncMap = {
  list: fn([], (args) => args, { variadic: ANY }),
  tuple: fn([], (args) => args, { variadic: ANY }),
  ...pair('push', [ANY, ANY], ([list, value]) => [...elements(list, 'push on'), value]),
  ...pair('append', [ANY, ANY], ([list, value]) => [...elements(list, 'push on'), value]),
  ...pair('prepend', [ANY, ANY], ([list, value]) => [value, ...elements(list, 'prepend on')]),
  ...pair('chunk', ['int', ANY], ([size, list]) => chunk(size as number, list)),
  ...pair('last', [ANY], ([list]) => {
    const items = elements(list, 'find last on');
    return items.length === 0 ? null : items[items.length - 1];
  }),
  ...pair('first', [ANY], ([list]) => {
    const items = elements(list, 'find first on');
    return items.length === 0 ? null : items[0];
  }),
  ...pair('rest', [ANY], ([list]) => {
    const items = elements(list, 'find rest on');
    return items.length === 0 ? [] : items.slice(1);
  }),
  ...pair('initial', [ANY], ([list]) => {
    const items = elements(list, 'find initial on');
    return items.length === 0 ? [] : items.slice(0, -1);
  }),
  ...pair('reverse', [ANY], ([list]) => [...elements(list, 'find reverse on')].reverse()),
  ...pair('compact', [ANY], ([list]) => elements(list, 'compact on').filter((item) => !empty(item))),
  ...pair('uniq', [ANY], ([list]) => {
    const result: unknown[] = [];
    for (const item of elements(list, 'find uniq on'))
      if (!result.some((seen) => deepEqual(seen, item))) result.push(item);
    return result;
  }),
  ...pair(
    'without',
    [ANY],
    ([list, ...omit]) =>
      elements(list, 'find without on').filter((item) => !omit.some((other) => deepEqual(other, item))),
    ANY,
  ),
  ...pair('has', [ANY, ANY], ([needle, haystack]) => {
    if (haystack === null || haystack === undefined) return false;
    return elements(haystack, 'find has on').some((item) => deepEqual(needle, item));
  }),
  ...pair('slice', [ANY], ([list, ...indices]) => sliceList(list, indices), ANY),
  concat: fn([], (lists) => concat(lists), { variadic: ANY }),
  sortAlpha: fn([ANY], ([list]) => sortAlpha(list)),
  until: fn(['int'], ([count], context) => {
    const n = count as number;
    return untilStep(0, n, n < 0 ? -1 : 1, context);
  }),
  untilStep: fn(['int', 'int', 'int'], ([start, stop, step], context) =>
    untilStep(start as number, stop as number, step as number, context),
  ),
  seq: fn(
    [],
    (params, context) => {
      const numbers = params as number[];
      const join = (values: bigint[]): string => values.join(' ');
      switch (numbers.length) {
        case 0:
          return '';
        case 1: {
          const end = numbers[0]!;
          const increment = end < 1 ? -1 : 1;
          return join(untilStep(1, end + increment, increment, context));
        }
        case 2: {
          const [start, end] = numbers as [number, number];
          const step = end < start ? -1 : 1;
          return join(untilStep(start, end + step, step, context));
        }
        case 3: {
          const [start, step, end] = numbers as [number, number, number];
          let increment = 1;
          if (end < start) {
            increment = -1;
            if (step > 0) return '';
          }
          return join(untilStep(start, end + increment, step, context));
        }
        default:
          return '';
      }
    },
    { variadic: 'int' },
  ),
  join: fn(['string', ANY], ([separator, list]) => toStrings(list).join(separator as string)),
  toStrings: fn([ANY], ([list]) => stringList(toStrings(list))),
};

/** Sprig's strslice. */
export function toStrings(value: unknown): string[] {
  const items = sliceElements(value);
  if (items !== null) {
    if (goTypeName(value) === '[]string') return items as string[];
    return items.filter((item) => item !== null && item !== undefined).map(strval);
  }
  if (value === null || value === undefined) return [];
  return [strval(value)];
}
