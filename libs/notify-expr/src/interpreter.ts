// Tree-walking interpreter for parsed expressions. No eval, no Function: every operator is a case
// below. Each evaluation has a step budget (one step per node, per predicate iteration, per 256
// characters a regex scans) and an allocation budget (array elements, map entries and string
// characters created), so a condition that explodes stops with NOTIFY_EXPR_BUDGET.
import type { ExprNode } from './ast';
import { BUILTINS, isBuiltin } from './builtins';
import { ExprBudgetError, ExprEvalError, positionOf } from './errors';
import { applyPredicate } from './predicates';
import { applyArithmetic, compilePattern, DivideByZeroError, orderValues, type ArithmeticOperator } from './operators';
import { callMethod, HostCallError } from './time-methods';
import { GoDuration, GoTime } from './time-values';
import {
  formatValue,
  fromHost,
  getOwn,
  HostFunction,
  isArray,
  isMap,
  isNil,
  typeName,
  valuesEqual,
  type ExprMap,
  type ExprValue,
} from './values';

export interface EvalBudget {
  /** Nodes visited plus predicate iterations. */
  maxSteps: number;
  /** Array elements, map entries and string characters created. */
  maxAllocation: number;
}

export const DEFAULT_BUDGET: EvalBudget = { maxSteps: 100_000, maxAllocation: 1_000_000 };

/** Returned along a `?.` chain when it meets nil; the chain's root turns it into nil. */
const SHORT_CIRCUIT: unique symbol = Symbol('short-circuit');
type Internal = ExprValue | typeof SHORT_CIRCUIT;

interface Frame {
  item: ExprValue;
  index: number;
  acc: ExprValue;
}

export class Interpreter {
  private steps = 0;
  private allocated = 0;
  private readonly frames: Frame[] = [];
  private readonly variables: Map<string, ExprValue>[] = [];

  constructor(
    private readonly source: string,
    private readonly env: ExprMap,
    private readonly budget: EvalBudget,
  ) {}

  run(node: ExprNode): ExprValue {
    try {
      return this.value(node);
    } catch (error) {
      // The parser bounds tree depth; this is a last line of defence for the host's stack.
      if (error instanceof RangeError) {
        throw new ExprBudgetError(
          `evaluation ran out of stack: ${error.message}`,
          this.text(node),
          positionOf(this.source, node.start),
        );
      }
      throw error;
    }
  }

  private text(node: ExprNode): string {
    return this.source.slice(node.start, node.end);
  }

  private fail(node: ExprNode, reason: string): never {
    throw new ExprEvalError(reason, this.text(node), positionOf(this.source, node.start));
  }

  private step(node: ExprNode, count = 1): void {
    this.steps += count;
    if (this.steps > this.budget.maxSteps) {
      throw new ExprBudgetError(
        `evaluation exceeded ${this.budget.maxSteps} steps: the expression does too much work or does not end`,
        this.text(node),
        positionOf(this.source, node.start),
      );
    }
  }

  private allocate(node: ExprNode, size: number): void {
    this.allocated += size;
    if (this.allocated > this.budget.maxAllocation) {
      throw new ExprBudgetError(
        `evaluation exceeded its allocation budget of ${this.budget.maxAllocation} elements/characters`,
        this.text(node),
        positionOf(this.source, node.start),
      );
    }
  }

  /** Evaluates a node that is not part of an unfinished `?.` chain. */
  private value(node: ExprNode): ExprValue {
    const result = this.evaluate(node);
    // Only member, slice and call nodes inside a chain can short-circuit, and the chain node catches it.
    return result === SHORT_CIRCUIT ? null : result;
  }

  private evaluate(node: ExprNode): Internal {
    this.step(node);
    switch (node.type) {
      case 'literal':
        return node.value;
      case 'identifier':
        return this.identifier(node.name);
      case 'pointer':
        return this.pointer(node);
      case 'chain': {
        const result = this.evaluate(node.expression);
        return result === SHORT_CIRCUIT ? null : result;
      }
      case 'member':
        return this.member(node);
      case 'slice':
        return this.slice(node);
      case 'call':
        return this.call(node);
      case 'predicate-call':
        return this.predicateCall(node);
      case 'unary':
        return this.unary(node);
      case 'binary':
        return this.binary(node);
      case 'conditional': {
        const test = this.value(node.test);
        if (typeof test !== 'boolean')
          this.fail(node.test, `the condition of ?: must be a bool, got ${typeName(test)}`);
        return this.value(test ? node.consequent : node.alternate);
      }
      case 'array': {
        this.allocate(node, node.elements.length);
        return node.elements.map((element) => this.value(element));
      }
      case 'map': {
        this.allocate(node, node.entries.length);
        const map: Record<string, ExprValue> = {};
        for (const entry of node.entries) {
          const key = this.value(entry.key);
          if (typeof key !== 'string' && typeof key !== 'number') {
            this.fail(entry.key, `a map key must be a string or number, got ${typeName(key)}`);
          }
          Object.defineProperty(map, String(key), {
            value: this.value(entry.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return map;
      }
      case 'let': {
        const value = this.value(node.value);
        this.variables.push(new Map([[node.name, value]]));
        try {
          return this.value(node.body);
        } finally {
          this.variables.pop();
        }
      }
    }
  }

  private identifier(name: string): ExprValue {
    for (let index = this.variables.length - 1; index >= 0; index -= 1) {
      const scope = this.variables[index]!;
      if (scope.has(name)) return scope.get(name);
    }
    if (Object.hasOwn(this.env, name)) return fromHost(this.env[name]);
    if (isBuiltin(name)) return new HostFunction(name, (args) => BUILTINS[name]!(args, name));
    // expr compiled without a typed environment resolves unknown names to nil, as Argo CD does.
    return null;
  }

  private pointer(node: Extract<ExprNode, { type: 'pointer' }>): ExprValue {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) return this.fail(node, `${node.name} used outside a predicate`);
    if (node.name === '#') return frame.item;
    if (node.name === '#index') return frame.index;
    if (node.name === '#acc') return frame.acc;
    return this.fail(node, `unknown pointer ${node.name}`);
  }

  private member(node: Extract<ExprNode, { type: 'member' }>): Internal {
    const object = this.evaluate(node.object);
    if (object === SHORT_CIRCUIT) return SHORT_CIRCUIT;
    if (isNil(object)) {
      if (node.optional) return SHORT_CIRCUIT;
      return this.fail(
        node,
        `cannot fetch ${this.text(node.property)} from nil: \`${this.text(node.object)}\` is nil (use ?. to allow it)`,
      );
    }
    const key = this.value(node.property);
    return this.fetch(node, object, key);
  }

  private fetch(node: Extract<ExprNode, { type: 'member' }>, object: ExprValue, key: ExprValue): ExprValue {
    if (isArray(object) || typeof object === 'string') {
      if (typeof key === 'string') return this.fail(node, `cannot fetch ${key} from ${typeName(object)}`);
      if (typeof key !== 'number' || !Number.isInteger(key)) {
        return this.fail(node, `cannot index ${typeName(object)} with ${typeName(key)} ${formatValue(key)}`);
      }
      const items = typeof object === 'string' ? [...object] : object;
      const index = key < 0 ? items.length + key : key;
      if (index < 0 || index >= items.length) {
        return this.fail(node, `index out of range: ${key} (length ${items.length})`);
      }
      return fromHost(items[index]);
    }
    if (isMap(object)) {
      if (typeof key !== 'string') return this.fail(node, `cannot use ${typeName(key)} as a map key`);
      return fromHost(getOwn(object, key));
    }
    return this.fail(node, `cannot fetch ${formatValue(key)} from ${typeName(object)}`);
  }

  private slice(node: Extract<ExprNode, { type: 'slice' }>): Internal {
    const object = this.evaluate(node.object);
    if (object === SHORT_CIRCUIT) return SHORT_CIRCUIT;
    if (!isArray(object) && typeof object !== 'string') return this.fail(node, `cannot slice ${typeName(object)}`);
    const length = typeof object === 'string' ? [...object].length : object.length;
    const bound = (part: ExprNode | undefined, fallback: number): number => {
      if (!part) return fallback;
      const value = this.value(part);
      if (typeof value !== 'number' || !Number.isInteger(value))
        return this.fail(part, `a slice bound must be an int, got ${typeName(value)}`);
      return Math.min(Math.max(value < 0 ? length + value : value, 0), length);
    };
    const from = bound(node.from, 0);
    const to = bound(node.to, length);
    if (typeof object === 'string') {
      const text = [...object].slice(from, Math.max(from, to)).join('');
      this.allocate(node, text.length);
      return text;
    }
    const result = object.slice(from, Math.max(from, to));
    this.allocate(node, result.length);
    return result;
  }

  private call(node: Extract<ExprNode, { type: 'call' }>): Internal {
    const callee = node.callee;
    // Methods of time.Time and time.Duration: `t.Sub(u)`.
    if (callee.type === 'member') {
      const receiver = this.evaluate(callee.object);
      if (receiver === SHORT_CIRCUIT) return SHORT_CIRCUIT;
      if (receiver instanceof GoTime || receiver instanceof GoDuration) {
        const name = this.value(callee.property);
        if (typeof name !== 'string')
          return this.fail(callee.property, `a method name must be a string, got ${typeName(name)}`);
        const args = node.args.map((arg) => this.value(arg));
        return this.invoke(node, () => callMethod(receiver, name, args));
      }
      if (isNil(receiver)) {
        if (callee.optional) return SHORT_CIRCUIT;
        return this.fail(
          callee,
          `cannot call ${this.text(callee.property)} on nil: \`${this.text(callee.object)}\` is nil`,
        );
      }
      const fn = this.fetch(callee, receiver, this.value(callee.property));
      return this.callFunction(node, fn);
    }
    const fn = this.evaluate(callee);
    if (fn === SHORT_CIRCUIT) return SHORT_CIRCUIT;
    return this.callFunction(node, fn);
  }

  private callFunction(node: Extract<ExprNode, { type: 'call' }>, fn: ExprValue): ExprValue {
    if (!(fn instanceof HostFunction)) {
      return this.fail(node.callee, `\`${this.text(node.callee)}\` is ${typeName(fn)}, not a function`);
    }
    const args = node.args.map((arg) => this.value(arg));
    const result = this.invoke(node, () => fn.call(args));
    if (typeof result === 'string') this.allocate(node, result.length);
    else if (isArray(result)) this.allocate(node, result.length);
    return result;
  }

  private invoke(node: ExprNode, run: () => ExprValue): ExprValue {
    try {
      return fromHost(run());
    } catch (error) {
      if (error instanceof ExprEvalError || error instanceof ExprBudgetError) throw error;
      const reason = error instanceof HostCallError ? error.message : `call failed: ${(error as Error).message}`;
      return this.fail(node, reason);
    }
  }

  private predicateCall(node: Extract<ExprNode, { type: 'predicate-call' }>): ExprValue {
    const [collectionNode, ...rest] = node.args;
    const collection = this.value(collectionNode!);
    if (!isArray(collection)) {
      return this.fail(collectionNode!, `${node.name}() expects an array, got ${typeName(collection)}`);
    }
    const predicate = node.predicate;
    const frame: Frame = { item: null, index: 0, acc: null };
    this.frames.push(frame);
    try {
      const test = (item: ExprValue, index: number): ExprValue => {
        this.step(predicate);
        frame.item = item;
        frame.index = index;
        return this.value(predicate);
      };
      const truth = (item: ExprValue, index: number): boolean => {
        const result = test(item, index);
        if (typeof result !== 'boolean')
          return this.fail(predicate, `the predicate of ${node.name}() must return a bool, got ${typeName(result)}`);
        return result;
      };
      if (node.name !== 'reduce') {
        return applyPredicate(node.name, collection, test, truth, (size) => this.allocate(node, size));
      }
      // reduce(xs, #acc + #[, initial]): without an initial value the first element seeds #acc.
      if (rest.length === 0 && collection.length === 0) {
        return this.fail(node, 'reduce() of an empty array needs an initial value');
      }
      frame.acc = rest.length > 0 ? this.value(rest[0]!) : (collection[0] ?? null);
      for (let index = rest.length > 0 ? 0 : 1; index < collection.length; index += 1) {
        frame.acc = test(collection[index], index);
      }
      return frame.acc;
    } finally {
      this.frames.pop();
    }
  }

  private unary(node: Extract<ExprNode, { type: 'unary' }>): ExprValue {
    const operand = this.value(node.operand);
    if (node.operator === '!') {
      if (typeof operand !== 'boolean')
        return this.fail(node, `invalid operation: not on ${typeName(operand)} (needs a bool)`);
      return !operand;
    }
    if (typeof operand === 'number') return node.operator === '-' ? -operand : operand;
    if (operand instanceof GoDuration) return node.operator === '-' ? new GoDuration(-operand.nanoseconds) : operand;
    return this.fail(node, `invalid operation: ${node.operator} on ${typeName(operand)}`);
  }

  private binary(node: Extract<ExprNode, { type: 'binary' }>): ExprValue {
    const { operator } = node;
    if (operator === 'and' || operator === 'or') {
      const left = this.value(node.left);
      if (typeof left !== 'boolean')
        return this.fail(node.left, `invalid operation: ${operator} needs bool operands, got ${typeName(left)}`);
      if (operator === 'and' ? !left : left) return left;
      const right = this.value(node.right);
      if (typeof right !== 'boolean')
        return this.fail(node.right, `invalid operation: ${operator} needs bool operands, got ${typeName(right)}`);
      return right;
    }
    if (operator === '??') {
      const left = this.value(node.left);
      return isNil(left) ? this.value(node.right) : left;
    }
    const left = this.value(node.left);
    const right = this.value(node.right);
    const result = this.operate(node, left, right);
    return node.negated ? !result : result;
  }

  private mismatch(node: Extract<ExprNode, { type: 'binary' }>, left: ExprValue, right: ExprValue): never {
    return this.fail(
      node,
      `invalid operation: ${typeName(left)} ${node.operator} ${typeName(right)} (mismatched types)`,
    );
  }

  private operate(node: Extract<ExprNode, { type: 'binary' }>, left: ExprValue, right: ExprValue): ExprValue {
    switch (node.operator) {
      case '==':
        return valuesEqual(left, right);
      case '!=':
        return !valuesEqual(left, right);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.compare(node, left, right);
      case 'in':
        return this.membership(node, left, right);
      case 'matches': {
        if (typeof left !== 'string' || typeof right !== 'string') return this.mismatch(node, left, right);
        const pattern = compilePattern(right);
        if (typeof pattern === 'string') return this.fail(node.right, pattern);
        this.step(node, Math.ceil(left.length / 256));
        return pattern.test(left);
      }
      case 'contains':
      case 'startsWith':
      case 'endsWith': {
        if (typeof left !== 'string' || typeof right !== 'string') return this.mismatch(node, left, right);
        if (node.operator === 'contains') return left.includes(right);
        return node.operator === 'startsWith' ? left.startsWith(right) : left.endsWith(right);
      }
      case '..': {
        if (
          typeof left !== 'number' ||
          typeof right !== 'number' ||
          !Number.isInteger(left) ||
          !Number.isInteger(right)
        ) {
          return this.mismatch(node, left, right);
        }
        const size = Math.max(0, right - left + 1);
        this.allocate(node, size);
        return Array.from({ length: size }, (_, index) => left + index);
      }
      default:
        return this.arithmetic(node, left, right);
    }
  }

  private compare(node: Extract<ExprNode, { type: 'binary' }>, left: ExprValue, right: ExprValue): boolean {
    const order = orderValues(left, right);
    if (order === undefined) return this.mismatch(node, left, right);
    if (Number.isNaN(order)) return false;
    switch (node.operator) {
      case '<':
        return order < 0;
      case '<=':
        return order <= 0;
      case '>':
        return order > 0;
      default:
        return order >= 0;
    }
  }

  private membership(node: Extract<ExprNode, { type: 'binary' }>, left: ExprValue, right: ExprValue): boolean {
    if (isNil(right)) return false;
    if (isArray(right)) {
      this.step(node, right.length);
      return right.some((item) => valuesEqual(left, item));
    }
    if (isMap(right)) {
      if (typeof left !== 'string') return this.fail(node, `cannot use ${typeName(left)} as a map key with in`);
      return Object.hasOwn(right, left);
    }
    return this.fail(node, `invalid operation: in needs an array or a map on the right, got ${typeName(right)}`);
  }

  private arithmetic(node: Extract<ExprNode, { type: 'binary' }>, left: ExprValue, right: ExprValue): ExprValue {
    // Charge concatenations before building them, so an exploding string never gets allocated.
    const concatenates = (typeof left === 'string' && typeof right === 'string') || (isArray(left) && isArray(right));
    if (node.operator === '+' && concatenates) this.allocate(node, left.length + right.length);
    let result: ExprValue | undefined;
    try {
      result = applyArithmetic(node.operator as ArithmeticOperator, left, right);
    } catch (error) {
      if (error instanceof DivideByZeroError) return this.fail(node, error.message);
      throw error;
    }
    return result === undefined ? this.mismatch(node, left, right) : result;
  }
}
