// Sprig's dict functions (dict.go), with mergo's merge rules for merge/mergeOverwrite.
import { fn, GoError, type FuncMap } from '../exec/function';
import { GoStruct, isPlainMap, putKey, type GoMap } from '../values/types';
import { empty, stringList, strval } from './convert';

const MAP = 'map[string]interface {}';
const ANY = 'interface {}';

function asMap(value: unknown): GoMap {
  // A nil map argument arrives as null: reads see it as empty.
  return value === null || value === undefined ? {} : (value as GoMap);
}

/** mergo.Merge / MergeWithOverwrite over map[string]interface{} values. */
export function mergeInto(target: GoMap, source: GoMap, overwrite: boolean): void {
  for (const [key, sourceValue] of Object.entries(source)) {
    const hasTarget = Object.hasOwn(target, key);
    const targetValue = target[key];
    if (sourceValue === null || sourceValue === undefined) {
      if (overwrite) putKey(target, key, sourceValue);
      continue;
    }
    if (isPlainMap(sourceValue)) {
      // Maps merge recursively; a non-empty value of another kind is never replaced by a map.
      if (hasTarget && isPlainMap(targetValue)) mergeInto(targetValue, sourceValue, overwrite);
      if (!hasTarget || empty(targetValue)) putKey(target, key, sourceValue);
      continue;
    }
    if (Array.isArray(sourceValue)) {
      if (overwrite || !hasTarget || empty(targetValue)) putKey(target, key, sourceValue);
      continue;
    }
    if (overwrite || !hasTarget || empty(targetValue)) putKey(target, key, sourceValue);
  }
}

function dig(args: unknown[]): unknown {
  if (args.length < 3) throw new GoError('dig needs at least three arguments');
  const dict = args[args.length - 1];
  const fallback = args[args.length - 2];
  const keys = args.slice(0, -2);
  if (!isPlainMap(dict))
    throw new GoError(`interface conversion: interface {} is ${describe(dict)}, not map[string]interface {}`);
  let current: GoMap = dict;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof key !== 'string')
      throw new GoError(`interface conversion: interface {} is ${describe(key)}, not string`);
    if (!Object.hasOwn(current, key)) return fallback;
    const step = current[key];
    if (i === keys.length - 1) return step;
    if (!isPlainMap(step))
      throw new GoError(`interface conversion: interface {} is ${describe(step)}, not map[string]interface {}`);
    current = step;
  }
  return fallback;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]interface {}';
}

export function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (isPlainMap(value)) {
    const copy: GoMap = {};
    for (const [key, item] of Object.entries(value)) putKey(copy, key, deepCopy(item));
    return copy;
  }
  if (value instanceof GoStruct) return value;
  return value;
}

export const dictFuncs: FuncMap = {
  dict: fn(
    [],
    (args) => {
      const result: GoMap = {};
      for (let i = 0; i < args.length; i += 2) putKey(result, strval(args[i]), i + 1 < args.length ? args[i + 1] : '');
      return result;
    },
    { variadic: ANY },
  ),
  get: fn([MAP, 'string'], ([dict, key]) => {
    const map = asMap(dict);
    return Object.hasOwn(map, key as string) ? map[key as string] : '';
  }),
  set: fn([MAP, 'string', ANY], ([dict, key, value]) => {
    if (dict === null) throw new GoError('assignment to entry in nil map');
    putKey(dict as GoMap, key as string, value);
    return dict;
  }),
  unset: fn([MAP, 'string'], ([dict, key]) => {
    if (dict !== null) delete (dict as GoMap)[key as string];
    return dict;
  }),
  hasKey: fn([MAP, 'string'], ([dict, key]) => Object.hasOwn(asMap(dict), key as string)),
  pluck: fn(
    ['string'],
    ([key, ...dicts]) =>
      dicts
        .map(asMap)
        .filter((map) => Object.hasOwn(map, key as string))
        .map((map) => map[key as string]),
    { variadic: MAP },
  ),
  keys: fn([], (dicts) => stringList(dicts.flatMap((dict) => Object.keys(asMap(dict)))), { variadic: MAP }),
  pick: fn(
    [MAP],
    ([dict, ...keys]) => {
      const map = asMap(dict);
      const result: GoMap = {};
      for (const key of keys as string[]) if (Object.hasOwn(map, key)) putKey(result, key, map[key]);
      return result;
    },
    { variadic: 'string' },
  ),
  omit: fn(
    [MAP],
    ([dict, ...keys]) => {
      const omitted = new Set(keys as string[]);
      const result: GoMap = {};
      for (const [key, value] of Object.entries(asMap(dict))) if (!omitted.has(key)) putKey(result, key, value);
      return result;
    },
    { variadic: 'string' },
  ),
  values: fn([MAP], ([dict]) => Object.values(asMap(dict))),
  merge: fn([MAP], ([target, ...sources]) => mergeAll(target, sources, false), { variadic: MAP }),
  mustMerge: fn([MAP], ([target, ...sources]) => mergeAll(target, sources, false), {
    variadic: MAP,
    returnsError: true,
  }),
  mergeOverwrite: fn([MAP], ([target, ...sources]) => mergeAll(target, sources, true), { variadic: MAP }),
  mustMergeOverwrite: fn([MAP], ([target, ...sources]) => mergeAll(target, sources, true), {
    variadic: MAP,
    returnsError: true,
  }),
  deepCopy: fn([ANY], ([value]) => {
    if (value === null) throw new GoError('deepCopy error: reflect: call of reflect.Value.Type on zero Value');
    return deepCopy(value);
  }),
  mustDeepCopy: fn([ANY], ([value]) => deepCopy(value), { returnsError: true }),
  dig: fn([], (args) => dig(args), { variadic: ANY, returnsError: true }),
};

function mergeAll(target: unknown, sources: unknown[], overwrite: boolean): unknown {
  const map = target === null ? {} : (target as GoMap);
  for (const source of sources) mergeInto(map, asMap(source), overwrite);
  return map;
}
