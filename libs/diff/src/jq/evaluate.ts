// Evaluates the jq subset over JSON, tracking the path of every output so `del(f)` can remove
// exactly what `path(f)` would name. Every node visit costs one step; a program that exceeds its
// step budget fails with DIFF_JQ_STEP_LIMIT, so a pathological expression (e.g. nested `..`)
// cannot stall a reconcile. (Argo CD bounds gojq with a 1 s timeout instead; a step budget is
// deterministic and needs no clock.)
import { DiffError } from '../errors';
import { deepEqual, isJsonObject, type JsonValue } from '../json';
import type { JqNode } from './ast';

export type PathKey = string | number;
export interface JqOutput {
  value: JsonValue;
  /** null when the output is not a path into the input (a literal, a comparison, …). */
  path: PathKey[] | null;
}

class JqRuntimeError extends Error {}

function typeName(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

function truthy(value: JsonValue): boolean {
  return value !== null && value !== false;
}

function extend(path: PathKey[] | null, key: PathKey): PathKey[] | null {
  return path === null ? null : [...path, key];
}

const TYPE_ORDER = ['null', 'boolean', 'number', 'string', 'array', 'object'];

/** jq's total order over JSON values (used by comparisons and to sort paths before deletion). */
export function compareJson(left: JsonValue, right: JsonValue): number {
  const typeDelta = TYPE_ORDER.indexOf(typeName(left)) - TYPE_ORDER.indexOf(typeName(right));
  if (typeDelta !== 0) return typeDelta;
  if (typeof left === 'boolean' || typeof left === 'number' || typeof left === 'string') {
    const rightScalar = right as typeof left;
    return left < rightScalar ? -1 : left > rightScalar ? 1 : 0;
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
      const delta = compareJson(left[index] as JsonValue, right[index] as JsonValue);
      if (delta !== 0) return delta;
    }
    return left.length - right.length;
  }
  if (isJsonObject(left) && isJsonObject(right)) {
    const keyDelta = compareJson(Object.keys(left).sort(), Object.keys(right).sort());
    if (keyDelta !== 0) return keyDelta;
    for (const key of Object.keys(left).sort()) {
      const delta = compareJson(left[key] as JsonValue, right[key] as JsonValue);
      if (delta !== 0) return delta;
    }
  }
  return 0;
}

export class JqEvaluator {
  private steps = 0;

  constructor(
    private readonly stepLimit: number,
    private readonly source: string,
  ) {}

  run(node: JqNode, input: JqOutput): JqOutput[] {
    try {
      return this.evaluate(node, input);
    } catch (error) {
      if (error instanceof JqRuntimeError)
        throw new DiffError('DIFF_JQ_RUNTIME', `${error.message} in "${this.source}"`);
      throw error;
    }
  }

  private tick(): void {
    this.steps += 1;
    if (this.steps > this.stepLimit) {
      throw new DiffError('DIFF_JQ_STEP_LIMIT', `"${this.source}" exceeded ${this.stepLimit} evaluation steps`);
    }
  }

  private values(node: JqNode, input: JqOutput): JsonValue[] {
    return this.evaluate(node, input).map((output) => output.value);
  }

  private evaluate(node: JqNode, input: JqOutput): JqOutput[] {
    this.tick();
    switch (node.type) {
      case 'identity':
        return [input];
      case 'literal':
        return [{ value: node.value, path: null }];
      case 'recurse':
        return this.recurse(input, []);
      case 'field':
        return this.evaluate(node.target, input).map((target) => this.index(target, node.name));
      case 'index':
        return this.evaluate(node.target, input).flatMap((target) =>
          this.values(node.index, input).map((key) => this.indexBy(target, key)),
        );
      case 'iterate':
        return this.evaluate(node.target, input).flatMap((target) => this.iterate(target));
      case 'optional':
        try {
          return this.evaluate(node.body, input);
        } catch (error) {
          if (error instanceof JqRuntimeError) return [];
          throw error;
        }
      case 'pipe':
        return this.evaluate(node.left, input).flatMap((middle) => this.evaluate(node.right, middle));
      case 'comma':
        return [...this.evaluate(node.left, input), ...this.evaluate(node.right, input)];
      case 'alternative': {
        const left = this.evaluate(node.left, input).filter((output) => truthy(output.value));
        return left.length > 0 ? left : this.evaluate(node.right, input);
      }
      case 'and':
      case 'or':
        return this.values(node.left, input).flatMap((left) => {
          if (node.type === 'and' && !truthy(left)) return [{ value: false, path: null }];
          if (node.type === 'or' && truthy(left)) return [{ value: true, path: null }];
          return this.values(node.right, input).map((right) => ({ value: truthy(right), path: null }));
        });
      case 'compare':
        return this.values(node.right, input).flatMap((right) =>
          this.values(node.left, input).map((left) => ({
            value: this.compare(node.operator, left, right),
            path: null,
          })),
        );
      case 'call':
        return this.call(node.name, node.args, input);
    }
  }

  private compare(operator: string, left: JsonValue, right: JsonValue): boolean {
    if (operator === '==') return deepEqual(left, right);
    if (operator === '!=') return !deepEqual(left, right);
    const order = compareJson(left, right);
    if (operator === '<') return order < 0;
    if (operator === '<=') return order <= 0;
    if (operator === '>') return order > 0;
    return order >= 0;
  }

  private recurse(input: JqOutput, out: JqOutput[]): JqOutput[] {
    this.tick();
    out.push(input);
    for (const child of this.children(input)) this.recurse(child, out);
    return out;
  }

  private children(input: JqOutput): JqOutput[] {
    const { value, path } = input;
    if (Array.isArray(value)) return value.map((item, index) => ({ value: item, path: extend(path, index) }));
    if (isJsonObject(value)) {
      return Object.keys(value).map((key) => ({ value: value[key] as JsonValue, path: extend(path, key) }));
    }
    return [];
  }

  private iterate(input: JqOutput): JqOutput[] {
    if (!Array.isArray(input.value) && !isJsonObject(input.value)) {
      throw new JqRuntimeError(`cannot iterate over ${typeName(input.value)}`);
    }
    return this.children(input);
  }

  private index(input: JqOutput, key: string): JqOutput {
    const { value } = input;
    if (value === null) return { value: null, path: extend(input.path, key) };
    if (!isJsonObject(value)) throw new JqRuntimeError(`cannot index ${typeName(value)} with "${key}"`);
    return { value: value[key] ?? null, path: extend(input.path, key) };
  }

  private indexBy(input: JqOutput, key: JsonValue): JqOutput {
    if (typeof key === 'string') return this.index(input, key);
    if (typeof key !== 'number') throw new JqRuntimeError(`cannot index with ${typeName(key)}`);
    const { value } = input;
    if (value === null) return { value: null, path: extend(input.path, key) };
    if (!Array.isArray(value)) throw new JqRuntimeError(`cannot index ${typeName(value)} with number`);
    const position = Math.floor(key < 0 ? value.length + key : key);
    return { value: value[position] ?? null, path: extend(input.path, position) };
  }

  private stringArgument(name: string, args: JqNode[], input: JqOutput): string[] {
    if (typeof input.value !== 'string') throw new JqRuntimeError(`${name} requires string input`);
    return this.values(args[0] as JqNode, input).map((argument) => {
      if (typeof argument !== 'string') throw new JqRuntimeError(`${name} requires a string argument`);
      return argument;
    });
  }

  private call(name: string, args: JqNode[], input: JqOutput): JqOutput[] {
    const value = input.value;
    const result = (values: JsonValue[]): JqOutput[] => values.map((item) => ({ value: item, path: null }));
    const arity = `${name}/${args.length}`;
    switch (arity) {
      case 'select/1':
        return this.values(args[0] as JqNode, input).some(truthy) ? [input] : [];
      case 'empty/0':
        return [];
      case 'not/0':
        return result([!truthy(value)]);
      case 'length/0':
        if (typeof value === 'string' || Array.isArray(value)) return result([value.length]);
        if (isJsonObject(value)) return result([Object.keys(value).length]);
        return result([value === null ? 0 : typeof value === 'number' ? Math.abs(value) : 0]);
      case 'type/0':
        return result([typeName(value)]);
      case 'has/1':
        return result(
          this.values(args[0] as JqNode, input).map((key) =>
            Array.isArray(value) && typeof key === 'number'
              ? key >= 0 && key < value.length
              : isJsonObject(value) && typeof key === 'string' && key in value,
          ),
        );
      case 'startswith/1':
        return result(this.stringArgument(name, args, input).map((prefix) => (value as string).startsWith(prefix)));
      case 'endswith/1':
        return result(this.stringArgument(name, args, input).map((suffix) => (value as string).endsWith(suffix)));
      case 'test/1':
      case 'test/2': {
        const flags = args[1]
          ? this.values(args[1], input)
              .filter((flag) => typeof flag === 'string')
              .join('')
          : '';
        return result(
          this.stringArgument(name, args, input).map((pattern) => {
            try {
              return new RegExp(pattern, flags.replace(/[^imsu]/g, '')).test(value as string);
            } catch {
              throw new JqRuntimeError(`invalid regular expression ${JSON.stringify(pattern)}`);
            }
          }),
        );
      }
      case 'contains/1':
        return result(this.values(args[0] as JqNode, input).map((needle) => contains(value, needle)));
      case 'ascii_downcase/0':
      case 'ascii_upcase/0':
        if (typeof value !== 'string') throw new JqRuntimeError(`${name} requires string input`);
        return result([name === 'ascii_downcase' ? value.toLowerCase() : value.toUpperCase()]);
      case 'tostring/0':
        return result([typeof value === 'string' ? value : JSON.stringify(value)]);
      case 'keys/0':
        if (!isJsonObject(value)) throw new JqRuntimeError(`${typeName(value)} has no keys`);
        return result([Object.keys(value).sort()]);
      case 'recurse/0':
        return this.recurse(input, []);
      default:
        throw new DiffError('DIFF_JQ_UNSUPPORTED', `function ${arity} is not supported in "${this.source}"`);
    }
  }
}

function contains(haystack: JsonValue, needle: JsonValue): boolean {
  if (typeof haystack === 'string' && typeof needle === 'string') return haystack.includes(needle);
  if (Array.isArray(haystack) && Array.isArray(needle)) {
    return needle.every((item) => haystack.some((candidate) => contains(candidate, item)));
  }
  if (isJsonObject(haystack) && isJsonObject(needle)) {
    return Object.keys(needle).every(
      (key) => key in haystack && contains(haystack[key] as JsonValue, needle[key] as JsonValue),
    );
  }
  if (typeName(haystack) !== typeName(needle)) throw new JqRuntimeError('contains: types differ');
  return deepEqual(haystack, needle);
}
