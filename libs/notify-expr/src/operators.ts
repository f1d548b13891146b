// Value-level rules of expr's binary operators, free of the interpreter: ordering, arithmetic on
// numbers, strings, arrays, time.Time and time.Duration. `undefined` means the operand types do not
// fit the operator (the interpreter reports "mismatched types" with the failing sub-expression).
import { RE2JS } from 're2js';
import { GoDuration, GoTime } from './time-values';
import { isArray, type ExprValue } from './values';

/** -1, 0 or 1; NaN for unordered numbers; undefined when the two values cannot be ordered. */
export function orderValues(left: ExprValue, right: ExprValue): number | undefined {
  if (typeof left === 'number' && typeof right === 'number')
    return left < right ? -1 : left > right ? 1 : left === right ? 0 : NaN;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  if (left instanceof GoTime && right instanceof GoTime) return left.compare(right);
  if (left instanceof GoDuration && right instanceof GoDuration) return Math.sign(left.nanoseconds - right.nanoseconds);
  return undefined;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%' | '**';

/** Thrown for `%` by zero, which Go reports as a runtime panic. */
export class DivideByZeroError extends Error {}

function numberArithmetic(op: ArithmeticOperator, left: number, right: number): number | undefined {
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      // expr's `/` always yields a float: 7 / 2 == 3.5.
      return left / right;
    case '%':
      if (!Number.isInteger(left) || !Number.isInteger(right)) return undefined;
      if (right === 0) throw new DivideByZeroError('integer divide by zero');
      return left % right;
    case '**':
      return left ** right;
  }
}

/** time.Time and time.Duration arithmetic: t - u, t ± d, d ± d, d / d, n * d, d / n. */
function timeArithmetic(op: ArithmeticOperator, left: ExprValue, right: ExprValue): ExprValue | undefined {
  const leftNanos = left instanceof GoDuration ? left.nanoseconds : undefined;
  const rightNanos = right instanceof GoDuration ? right.nanoseconds : undefined;
  if (left instanceof GoTime) {
    if (op === '-' && right instanceof GoTime) return new GoDuration(left.sub(right));
    if (rightNanos !== undefined && (op === '+' || op === '-')) return left.add(op === '+' ? rightNanos : -rightNanos);
    return undefined;
  }
  if (right instanceof GoTime) return op === '+' && leftNanos !== undefined ? right.add(leftNanos) : undefined;
  if (leftNanos !== undefined && rightNanos !== undefined) {
    if (op === '+') return new GoDuration(leftNanos + rightNanos);
    if (op === '-') return new GoDuration(leftNanos - rightNanos);
    return op === '/' ? leftNanos / rightNanos : undefined;
  }
  if (op === '*' && typeof left === 'number' && rightNanos !== undefined)
    return new GoDuration(Math.round(left * rightNanos));
  if (op === '*' && typeof right === 'number' && leftNanos !== undefined)
    return new GoDuration(Math.round(leftNanos * right));
  if (op === '/' && typeof right === 'number' && leftNanos !== undefined)
    return new GoDuration(Math.trunc(leftNanos / right));
  return undefined;
}

/** Result of `left op right`, or undefined for operand types the operator does not accept. */
export function applyArithmetic(op: ArithmeticOperator, left: ExprValue, right: ExprValue): ExprValue | undefined {
  if (typeof left === 'number' && typeof right === 'number') return numberArithmetic(op, left, right);
  if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (op === '+' && isArray(left) && isArray(right)) return [...left, ...right];
  return timeArithmetic(op, left, right);
}

const MAX_CACHED_PATTERNS = 256;
const patternCache = new Map<string, RE2JS | string>();

/**
 * Compiles a Go regexp (RE2 syntax, as Go's regexp package) once. RE2 matches in linear time, so
 * `(a+)+$`-style patterns cannot backtrack catastrophically; backreferences and lookaround, which
 * Go rejects too, are syntax errors. Returns the error text for an invalid pattern.
 */
export function compilePattern(pattern: string): RE2JS | string {
  let compiled = patternCache.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = RE2JS.compile(pattern);
    } catch (error) {
      compiled = `invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`;
    }
    if (patternCache.size >= MAX_CACHED_PATTERNS) patternCache.delete(patternCache.keys().next().value!);
    patternCache.set(pattern, compiled);
  }
  return compiled;
}
