// Pratt parser for expr-lang (github.com/expr-lang/expr) with its operator precedences:
// or/|| 10, and/&& 15, comparisons/in/matches/contains/startsWith/endsWith 20, `..` 25, +/- 30,
// * / % 60, unary not/! 50, ** ^ 100 (right-associative), unary -/+ 90, ?? 500; then postfix
// member access, calls and indexing; the ternary and the pipe `|` sit below all binary operators.
import { isPredicateBuiltin, type BinaryOperator, type ExprNode } from './ast';
import { ExprSyntaxError, positionOf } from './errors';
import { tokenize, type Token } from './lexer';
import { checkTreeDepth } from './tree-depth';

interface BinaryInfo {
  operator: BinaryOperator;
  precedence: number;
  rightAssociative?: boolean;
}

const BINARY: Record<string, BinaryInfo> = {
  or: { operator: 'or', precedence: 10 },
  '||': { operator: 'or', precedence: 10 },
  and: { operator: 'and', precedence: 15 },
  '&&': { operator: 'and', precedence: 15 },
  '==': { operator: '==', precedence: 20 },
  '!=': { operator: '!=', precedence: 20 },
  '<': { operator: '<', precedence: 20 },
  '<=': { operator: '<=', precedence: 20 },
  '>': { operator: '>', precedence: 20 },
  '>=': { operator: '>=', precedence: 20 },
  in: { operator: 'in', precedence: 20 },
  matches: { operator: 'matches', precedence: 20 },
  contains: { operator: 'contains', precedence: 20 },
  startsWith: { operator: 'startsWith', precedence: 20 },
  endsWith: { operator: 'endsWith', precedence: 20 },
  '..': { operator: '..', precedence: 25 },
  '+': { operator: '+', precedence: 30 },
  '-': { operator: '-', precedence: 30 },
  '*': { operator: '*', precedence: 60 },
  '/': { operator: '/', precedence: 60 },
  '%': { operator: '%', precedence: 60 },
  '**': { operator: '**', precedence: 100, rightAssociative: true },
  '^': { operator: '**', precedence: 100, rightAssociative: true },
  '??': { operator: '??', precedence: 500 },
};

/** Operators that may follow `not`: `a not in b`, `s not matches r`. */
const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);
const UNARY_NOT_PRECEDENCE = 50;
const UNARY_SIGN_PRECEDENCE = 90;
const RESERVED = new Set([
  'true',
  'false',
  'nil',
  'and',
  'or',
  'not',
  'in',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  'let',
]);

export interface ParseLimits {
  /** Longest accepted source, in characters. */
  maxSourceLength: number;
  /** Deepest accepted nesting of parentheses, brackets and unary operators (protects the parser's stack). */
  maxDepth: number;
  /** Deepest accepted syntax tree, e.g. `a.b.c…` or `1+1+1…` chains (protects the interpreter's stack). */
  maxTreeDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxSourceLength: 16_384, maxDepth: 96, maxTreeDepth: 512 };

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;
  private predicateDepth = 0;

  constructor(
    private readonly source: string,
    private readonly limits: ParseLimits,
  ) {
    this.tokens = tokenize(source);
  }

  parse(): ExprNode {
    const node = this.parseStatement();
    const token = this.peek();
    if (token.kind !== 'eof') this.fail(`unexpected token ${describe(token)}`, token);
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index += 1;
    return token;
  }

  private isOp(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'op' && token.value === value;
  }

  private isWord(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'ident' && token.value === value;
  }

  private expectOp(value: string): Token {
    const token = this.peek();
    if (token.kind !== 'op' || token.value !== value)
      this.fail(`expected ${value} but found ${describe(token)}`, token);
    return this.advance();
  }

  private fail(reason: string, token: Token): never {
    const text = token.kind === 'eof' ? 'end of input' : this.source.slice(token.start, token.end);
    throw new ExprSyntaxError(reason, positionOf(this.source, token.start), text);
  }

  private enter(token: Token): void {
    this.depth += 1;
    if (this.depth > this.limits.maxDepth)
      this.fail(`expression nests deeper than ${this.limits.maxDepth} levels`, token);
  }

  /** `let x = value; body` or an expression. */
  private parseStatement(): ExprNode {
    if (this.isWord('let')) {
      const start = this.advance().start;
      const name = this.advance();
      if (name.kind !== 'ident' || RESERVED.has(name.value)) this.fail('expected a variable name after let', name);
      this.expectOp('=');
      const value = this.parseExpression();
      this.expectOp(';');
      const body = this.parseStatement();
      return { type: 'let', name: name.value, value, body, start, end: body.end };
    }
    return this.parseExpression();
  }

  /** Full expression: binary operators, then an optional ternary, then optional pipes. */
  private parseExpression(): ExprNode {
    this.enter(this.peek());
    let node = this.parseConditional();
    while (this.isOp('|')) {
      const pipe = this.advance();
      const name = this.peek();
      if (name.kind === 'ident' && isPredicateBuiltin(name.value) && this.isOp('(', 1)) {
        // `xs | filter(# > 1)`: the piped value is the collection, the first argument the predicate.
        this.advance();
        const call = this.parsePredicateCall(name, true);
        node = { ...call, args: [node, ...call.args], start: node.start };
        continue;
      }
      const target = this.parseBinary(0);
      node = this.pipeInto(node, target, pipe);
    }
    this.depth -= 1;
    return node;
  }

  private parseConditional(): ExprNode {
    const test = this.parseBinary(0);
    if (!this.isOp('?')) return test;
    this.advance();
    const consequent = this.parseExpression();
    this.expectOp(':');
    const alternate = this.parseExpression();
    return { type: 'conditional', test, consequent, alternate, start: test.start, end: alternate.end };
  }

  /** `x | f(a)` is `f(x, a)`. */
  private pipeInto(input: ExprNode, target: ExprNode, pipe: Token): ExprNode {
    if (target.type === 'call') {
      return { ...target, args: [input, ...target.args], start: input.start };
    }
    if (target.type === 'predicate-call') {
      return { ...target, args: [input, ...target.args], start: input.start };
    }
    return this.fail('the right side of | must be a function call', pipe);
  }

  private binaryAt(): { info: BinaryInfo; negated: boolean; width: number } | undefined {
    const token = this.peek();
    if (token.kind === 'ident' && token.value === 'not') {
      const next = this.peek(1);
      if (next.kind === 'ident' && NEGATABLE.has(next.value)) {
        return { info: BINARY[next.value]!, negated: true, width: 2 };
      }
      return undefined;
    }
    if (token.kind !== 'op' && token.kind !== 'ident') return undefined;
    const info = Object.hasOwn(BINARY, token.value) ? BINARY[token.value] : undefined;
    return info ? { info, negated: false, width: 1 } : undefined;
  }

  private parseBinary(minPrecedence: number): ExprNode {
    let left = this.parseUnary();
    for (;;) {
      const found = this.binaryAt();
      if (!found || found.info.precedence < minPrecedence) return left;
      this.index += found.width;
      const nextMin = found.info.rightAssociative ? found.info.precedence : found.info.precedence + 1;
      const right = this.parseBinary(nextMin);
      left = {
        type: 'binary',
        operator: found.info.operator,
        left,
        right,
        negated: found.negated,
        start: left.start,
        end: right.end,
      };
    }
  }

  private parseUnary(): ExprNode {
    const token = this.peek();
    if ((token.kind === 'ident' && token.value === 'not') || (token.kind === 'op' && token.value === '!')) {
      this.advance();
      this.enter(token);
      const operand = this.parseBinary(UNARY_NOT_PRECEDENCE);
      this.depth -= 1;
      return { type: 'unary', operator: '!', operand, start: token.start, end: operand.end };
    }
    if (token.kind === 'op' && (token.value === '-' || token.value === '+')) {
      this.advance();
      this.enter(token);
      const operand = this.parseBinary(UNARY_SIGN_PRECEDENCE);
      this.depth -= 1;
      return { type: 'unary', operator: token.value, operand, start: token.start, end: operand.end };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePrimary(): ExprNode {
    const token = this.advance();
    const span = { start: token.start, end: token.end };
    switch (token.kind) {
      case 'number':
        return { type: 'literal', value: token.number!, isFloat: token.isFloat === true, ...span };
      case 'string':
        return { type: 'literal', value: token.value, ...span };
      case 'pointer':
        if (this.predicateDepth === 0) this.fail(`${token.value} can only be used inside a predicate`, token);
        return { type: 'pointer', name: token.value, ...span };
      case 'ident':
        return this.parseIdentifier(token);
      case 'eof':
        return this.fail('unexpected end of input', token);
      case 'op':
        break;
    }
    if (token.value === '(') {
      const inner = this.parseStatement();
      const close = this.expectOp(')');
      return { ...inner, start: token.start, end: close.end };
    }
    if (token.value === '[') return this.parseArray(token);
    if (token.value === '{') return this.parseMap(token);
    if (token.value === '.' && this.predicateDepth > 0) {
      // `.name` inside a predicate is `#.name`.
      const name = this.advance();
      if (name.kind !== 'ident') this.fail('expected a field name after .', name);
      const pointer: ExprNode = { type: 'pointer', name: '#', start: token.start, end: token.start };
      const property: ExprNode = { type: 'literal', value: name.value, start: name.start, end: name.end };
      return { type: 'member', object: pointer, property, optional: false, start: token.start, end: name.end };
    }
    return this.fail(`unexpected token ${describe(token)}`, token);
  }

  private parseIdentifier(token: Token): ExprNode {
    const span = { start: token.start, end: token.end };
    switch (token.value) {
      case 'true':
        return { type: 'literal', value: true, ...span };
      case 'false':
        return { type: 'literal', value: false, ...span };
      case 'nil':
        return { type: 'literal', value: null, ...span };
    }
    if (RESERVED.has(token.value)) this.fail(`unexpected keyword ${token.value}`, token);
    if (isPredicateBuiltin(token.value) && this.isOp('(')) return this.parsePredicateCall(token);
    return { type: 'identifier', name: token.value, ...span };
  }

  /** `all(xs, {# > 1})`, `filter(xs, .ok)`, `reduce(xs, #acc + #, 0)`. */
  private parsePredicateCall(nameToken: Token, piped = false): Extract<ExprNode, { type: 'predicate-call' }> {
    const name = nameToken.value;
    if (!isPredicateBuiltin(name)) return this.fail(`${name} is not a predicate builtin`, nameToken);
    this.expectOp('(');
    const args: ExprNode[] = [];
    if (!piped) {
      args.push(this.parseExpression());
      if (this.isOp(')') && name === 'count') {
        // count(xs) counts true elements: the predicate is the element itself.
        const close = this.advance();
        const predicate: ExprNode = { type: 'pointer', name: '#', start: close.start, end: close.start };
        return { type: 'predicate-call', name, args, predicate, start: nameToken.start, end: close.end };
      }
      this.expectOp(',');
    }
    this.predicateDepth += 1;
    let predicate: ExprNode;
    if (this.isOp('{')) {
      const open = this.advance();
      predicate = this.parseExpression();
      const close = this.expectOp('}');
      predicate = { ...predicate, start: open.start, end: close.end };
    } else {
      predicate = this.parseExpression();
    }
    this.predicateDepth -= 1;
    while (this.isOp(',')) {
      this.advance();
      if (this.isOp(')')) break;
      args.push(this.parseExpression());
    }
    const close = this.expectOp(')');
    return { type: 'predicate-call', name, args, predicate, start: nameToken.start, end: close.end };
  }

  private parseArray(open: Token): ExprNode {
    const elements: ExprNode[] = [];
    while (!this.isOp(']')) {
      elements.push(this.parseExpression());
      if (!this.isOp(',')) break;
      this.advance();
    }
    const close = this.expectOp(']');
    return { type: 'array', elements, start: open.start, end: close.end };
  }

  private parseMap(open: Token): ExprNode {
    const entries: { key: ExprNode; value: ExprNode }[] = [];
    while (!this.isOp('}')) {
      const keyToken = this.peek();
      let key: ExprNode;
      if (keyToken.kind === 'ident' || keyToken.kind === 'string') {
        this.advance();
        key = { type: 'literal', value: keyToken.value, start: keyToken.start, end: keyToken.end };
      } else if (keyToken.kind === 'number') {
        this.advance();
        key = { type: 'literal', value: keyToken.number!, start: keyToken.start, end: keyToken.end };
      } else if (this.isOp('(')) {
        key = this.parsePrimary();
      } else {
        return this.fail(`expected a map key but found ${describe(keyToken)}`, keyToken);
      }
      this.expectOp(':');
      entries.push({ key, value: this.parseExpression() });
      if (!this.isOp(',')) break;
      this.advance();
    }
    const close = this.expectOp('}');
    return { type: 'map', entries, start: open.start, end: close.end };
  }

  /** Member access, optional chaining, indexing, slicing and calls. */
  private parsePostfix(primary: ExprNode): ExprNode {
    let node = primary;
    let hasOptional = false;
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'op') break;
      if (token.value === '.' || token.value === '?.') {
        this.advance();
        const optional = token.value === '?.';
        hasOptional ||= optional;
        if (optional && this.isOp('[')) {
          node = this.parseIndex(node, true);
          continue;
        }
        const name = this.advance();
        if (name.kind !== 'ident') this.fail(`expected a field name after ${token.value}`, name);
        const property: ExprNode = { type: 'literal', value: name.value, start: name.start, end: name.end };
        node = { type: 'member', object: node, property, optional, start: node.start, end: name.end };
      } else if (token.value === '[') {
        node = this.parseIndex(node, false);
      } else if (token.value === '(') {
        this.advance();
        const args: ExprNode[] = [];
        while (!this.isOp(')')) {
          args.push(this.parseExpression());
          if (!this.isOp(',')) break;
          this.advance();
        }
        const close = this.expectOp(')');
        node = { type: 'call', callee: node, args, start: node.start, end: close.end };
      } else {
        break;
      }
    }
    return hasOptional ? { type: 'chain', expression: node, start: node.start, end: node.end } : node;
  }

  private parseIndex(object: ExprNode, optional: boolean): ExprNode {
    this.expectOp('[');
    let from: ExprNode | undefined;
    if (!this.isOp(':')) from = this.parseExpression();
    if (this.isOp(':')) {
      this.advance();
      const to = this.isOp(']') ? undefined : this.parseExpression();
      const close = this.expectOp(']');
      return {
        type: 'slice',
        object,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        start: object.start,
        end: close.end,
      };
    }
    const close = this.expectOp(']');
    if (!from) return this.fail('expected an index', close);
    return { type: 'member', object, property: from, optional, start: object.start, end: close.end };
  }
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'end of input';
  if (token.kind === 'string') return `string ${JSON.stringify(token.value)}`;
  return `'${token.value}'`;
}

/** Parses expr-lang source into a syntax tree; throws {@link ExprSyntaxError} with line and column. */
export function parseExpression(source: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ExprNode {
  if (source.length > limits.maxSourceLength) {
    throw new ExprSyntaxError(
      `expression is ${source.length} characters long; the limit is ${limits.maxSourceLength}`,
      positionOf(source, limits.maxSourceLength),
      source.slice(limits.maxSourceLength, limits.maxSourceLength + 12),
    );
  }
  const ast = new Parser(source, limits).parse();
  checkTreeDepth(source, ast, limits.maxTreeDepth);
  return ast;
}
