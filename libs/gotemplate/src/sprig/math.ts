// Sprig's math: int64 arithmetic through cast.ToInt64, and the float "f"
// functions through shopspring/decimal (so addf 0.1 0.2 is exactly 0.3).
import { fn, GoError, type FuncMap } from '../exec/function';
import { formatValue } from '../values/format';
import { int64, toFloat64, toInt64 } from './convert';

const ANY = 'interface {}';

interface Decimal {
  coefficient: bigint;
  exponent: number;
}

function decimalFromFloat(value: number): Decimal {
  if (!Number.isFinite(value)) throw new GoError(`Cannot create a Decimal from ${formatValue(value)}`);
  if (value === 0) return { coefficient: 0n, exponent: 0 };
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const digits = mantissa.replace('.', '').replace('-', '');
  const fractionDigits = digits.length - 1;
  const coefficient = BigInt(digits) * (value < 0 ? -1n : 1n);
  return { coefficient, exponent: Number(exponentText) - fractionDigits };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exponent = Math.min(a.exponent, b.exponent);
  return [
    a.coefficient * 10n ** BigInt(a.exponent - exponent),
    b.coefficient * 10n ** BigInt(b.exponent - exponent),
    exponent,
  ];
}

const PRECISION = 16;

function divide(a: Decimal, b: Decimal): Decimal {
  if (b.coefficient === 0n) throw new GoError('decimal division by 0');
  // Quotient scaled to 10^-PRECISION, rounded half away from zero (DivRound).
  const shift = PRECISION + a.exponent - b.exponent;
  let numerator = a.coefficient;
  let denominator = b.coefficient;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  let quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const absDenominator = denominator < 0n ? -denominator : denominator;
  if (twice >= absDenominator) quotient += numerator < 0n !== denominator < 0n ? -1n : 1n;
  return { coefficient: quotient, exponent: -PRECISION };
}

const decimalOps: Record<string, (a: Decimal, b: Decimal) => Decimal> = {
  add: (a, b) => {
    const [x, y, exponent] = align(a, b);
    return { coefficient: x + y, exponent };
  },
  sub: (a, b) => {
    const [x, y, exponent] = align(a, b);
    return { coefficient: x - y, exponent };
  },
  mul: (a, b) => ({ coefficient: a.coefficient * b.coefficient, exponent: a.exponent + b.exponent }),
  div: divide,
};

function decimalOp(first: unknown, rest: unknown[], op: string): number {
  const apply = decimalOps[op]!;
  let result = decimalFromFloat(toFloat64(first));
  for (const value of rest) result = apply(result, decimalFromFloat(toFloat64(value)));
  return Number(`${result.coefficient}e${result.exponent}`);
}

function int64Op(a: bigint, b: bigint, op: (x: bigint, y: bigint) => bigint): bigint {
  return BigInt.asIntN(64, op(a, b));
}

function divideInts(a: bigint, b: bigint, modulo: boolean): bigint {
  if (b === 0n) throw new GoError('runtime error: integer divide by zero');
  return modulo ? a % b : a / b;
}

/** Sprig's round: half-up at `places` decimals (or at the given threshold). */
function round(value: unknown, places: number, threshold: number[]): number {
  const roundOn = threshold[0] ?? 0.5;
  const pow = 10 ** places;
  const digit = pow * toFloat64(value);
  const fraction = digit - Math.trunc(digit);
  const rounded = fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return rounded / pow;
}

export const mathFuncs: FuncMap = {
  add1: fn([ANY], ([value]) => int64(int64Op(toInt64(value), 1n, (a, b) => a + b))),
  add: fn(
    [],
    (values) => int64(values.reduce<bigint>((sum, value) => int64Op(sum, toInt64(value), (a, b) => a + b), 0n)),
    {
      variadic: ANY,
    },
  ),
  sub: fn([ANY, ANY], ([a, b]) => int64(int64Op(toInt64(a), toInt64(b), (x, y) => x - y))),
  div: fn([ANY, ANY], ([a, b]) => int64(divideInts(toInt64(a), toInt64(b), false))),
  mod: fn([ANY, ANY], ([a, b]) => int64(divideInts(toInt64(a), toInt64(b), true))),
  mul: fn(
    [ANY],
    ([first, ...rest]) =>
      int64(rest.reduce<bigint>((product, value) => int64Op(product, toInt64(value), (a, b) => a * b), toInt64(first))),
    { variadic: ANY },
  ),
  max: fn([ANY], ([first, ...rest]) => int64(rest.map(toInt64).reduce((a, b) => (b > a ? b : a), toInt64(first))), {
    variadic: ANY,
  }),
  biggest: fn([ANY], ([first, ...rest]) => int64(rest.map(toInt64).reduce((a, b) => (b > a ? b : a), toInt64(first))), {
    variadic: ANY,
  }),
  min: fn([ANY], ([first, ...rest]) => int64(rest.map(toInt64).reduce((a, b) => (b < a ? b : a), toInt64(first))), {
    variadic: ANY,
  }),
  maxf: fn([ANY], ([first, ...rest]) => rest.map(toFloat64).reduce((a, b) => Math.max(a, b), toFloat64(first)), {
    variadic: ANY,
  }),
  minf: fn([ANY], ([first, ...rest]) => rest.map(toFloat64).reduce((a, b) => Math.min(a, b), toFloat64(first)), {
    variadic: ANY,
  }),
  add1f: fn([ANY], ([value]) => decimalOp(value, [1n], 'add')),
  addf: fn([], (values) => decimalOp(0, values, 'add'), { variadic: ANY }),
  subf: fn([ANY], ([first, ...rest]) => decimalOp(first, rest, 'sub'), { variadic: ANY }),
  mulf: fn([ANY], ([first, ...rest]) => decimalOp(first, rest, 'mul'), { variadic: ANY }),
  divf: fn([ANY], ([first, ...rest]) => decimalOp(first, rest, 'div'), { variadic: ANY }),
  ceil: fn([ANY], ([value]) => Math.ceil(toFloat64(value))),
  floor: fn([ANY], ([value]) => Math.floor(toFloat64(value))),
  round: fn(
    ['interface {}', 'int'],
    ([value, places, ...threshold]) => round(value, places as number, threshold as number[]),
    {
      variadic: 'float64',
    },
  ),
  randInt: fn(['int', 'int'], ([min, max]) => {
    const span = (max as number) - (min as number);
    if (span <= 0) throw new GoError('invalid argument to Intn');
    return BigInt(Math.floor(Math.random() * span) + (min as number));
  }),
  int64: fn([ANY], ([value]) => int64(toInt64(value))),
  int: fn([ANY], ([value]) => BigInt.asIntN(64, toInt64(value))),
  float64: fn([ANY], ([value]) => toFloat64(value)),
  atoi: fn(['string'], ([text]) => {
    const trimmed = text as string;
    if (!/^[+-]?\d+$/.test(trimmed)) return 0n;
    // strconv.Atoi saturates on overflow; Sprig ignores the error.
    const parsed = BigInt(trimmed.replace(/^\+/, ''));
    if (parsed >= 2n ** 63n) return 2n ** 63n - 1n;
    return parsed < -(2n ** 63n) ? -(2n ** 63n) : parsed;
  }),
  toDecimal: fn([ANY], ([value]) => {
    const text = formatValue(value);
    if (!/^[+-]?[0-7]+$/.test(text)) return int64(0n);
    const parsed = BigInt(`${text.startsWith('-') ? '-' : ''}0o${text.replace(/^[+-]/, '')}`);
    return int64(parsed >= -(2n ** 63n) && parsed < 2n ** 63n ? parsed : 0n);
  }),
};
