// eq, ne, lt, le, gt, ge with Go's basic-kind rules: ints compare with uints,
// but an int never equals a float64 ("incompatible types for comparison").
import { fn, GoError, type FuncMap } from '../exec/function';
import { formatValue, sprintf } from '../values/format';
import { compareStrings, goTypeName, kindOf, TypedInt } from '../values/types';

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(value: unknown): BasicKind {
  if (value === undefined || value === null) return 'invalid';
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
  return 'invalid';
}

function numeric(value: unknown): bigint | number {
  if (value instanceof TypedInt) return value.value;
  return value as bigint | number;
}

function isNilValue(value: unknown): boolean {
  return value === undefined || value === null;
}

function equalOne(left: unknown, right: unknown): boolean {
  const leftKind = basicKind(left);
  const rightKind = basicKind(right);
  if (leftKind !== rightKind) {
    if ((leftKind === 'int' && rightKind === 'uint') || (leftKind === 'uint' && rightKind === 'int')) {
      return numeric(left) === numeric(right);
    }
    if (!isNilValue(left) && !isNilValue(right)) throw new GoError('incompatible types for comparison');
    return false;
  }
  if (leftKind !== 'invalid') return numeric(left) === numeric(right) || left === right;
  // Neither is a basic kind: only nil-ness or identity can be compared.
  const leftNil = isNilValue(left);
  const rightNil = isNilValue(right);
  if (!leftNil && !rightNil && kindOf(left) !== kindOf(right)) {
    throw new GoError(
      `non-comparable types ${sprintf('%s', [left])}: ${goTypeName(left)}, ${goTypeName(right)}: ${formatValue(right)}`,
    );
  }
  if (leftNil || rightNil) return leftNil === rightNil;
  const kind = kindOf(right);
  if (kind === 'map' || kind === 'slice' || kind === 'func') {
    throw new GoError(`non-comparable type ${sprintf('%s', [right])}: ${goTypeName(right)}`);
  }
  return left === right;
}

function less(left: unknown, right: unknown): boolean {
  const leftKind = basicKind(left);
  if (leftKind === 'invalid') throw new GoError('invalid type for comparison');
  const rightKind = basicKind(right);
  if (rightKind === 'invalid') throw new GoError('invalid type for comparison');
  if (leftKind !== rightKind) {
    if ((leftKind === 'int' && rightKind === 'uint') || (leftKind === 'uint' && rightKind === 'int')) {
      return numeric(left) < numeric(right);
    }
    throw new GoError('incompatible types for comparison');
  }
  if (leftKind === 'bool') throw new GoError('invalid type for comparison');
  if (leftKind === 'string') return compareStrings(left as string, right as string) < 0;
  return numeric(left) < numeric(right);
}

function lessOrEqual(left: unknown, right: unknown): boolean {
  return less(left, right) || equalOne(left, right);
}

const value = 'reflect.Value';

export const comparisonFuncs: FuncMap = {
  eq: fn(
    [value],
    ([first, ...others]) => {
      if (others.length === 0) throw new GoError('missing argument for comparison');
      return others.some((other) => equalOne(first, other));
    },
    { variadic: value, returnsError: true },
  ),
  ne: fn([value, value], ([a, b]) => !equalOne(a, b), { returnsError: true }),
  lt: fn([value, value], ([a, b]) => less(a, b), { returnsError: true }),
  le: fn([value, value], ([a, b]) => lessOrEqual(a, b), { returnsError: true }),
  gt: fn([value, value], ([a, b]) => !lessOrEqual(a, b), { returnsError: true }),
  ge: fn([value, value], ([a, b]) => !less(a, b), { returnsError: true }),
};
