// Recursive-descent parser for the jq subset Argo CD users write in `jqPathExpressions`:
// `.a.b`, `."x/y"`, `.["k"]`, `.[0]`, `.[]`, `?`, `..`, `|`, `,`, `//`, `and`/`or`/`not`,
// comparisons, parentheses, literals and the functions listed in evaluate.ts. Anything else
// (variables, `def`, reduce, arithmetic, string interpolation) is rejected with DIFF_JQ_UNSUPPORTED
// rather than guessed at.
import { DiffError } from '../errors';
import type { JqNode } from './ast';
import { tokenize, type JqToken } from './lexer';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: JqToken[],
    private readonly source: string,
  ) {}

  parseProgram(): JqNode {
    const node = this.parsePipe();
    const token = this.peek();
    if (token.kind !== 'end') this.fail(token, 'unexpected token');
    return node;
  }

  private peek(offset = 0): JqToken {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)] as JqToken;
  }

  private isPunct(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'punct' && token.text === text;
  }

  private isIdent(text: string): boolean {
    const token = this.peek();
    return token.kind === 'ident' && token.text === text;
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail(this.peek(), `expected "${text}"`);
    this.position += 1;
  }

  private fail(token: JqToken, message: string): never {
    throw new DiffError('DIFF_JQ_SYNTAX', `${message} at ${token.at} in "${this.source}"`);
  }

  private parsePipe(): JqNode {
    const left = this.parseComma();
    if (!this.isPunct('|')) return left;
    this.position += 1;
    return { type: 'pipe', left, right: this.parsePipe() };
  }

  private parseComma(): JqNode {
    let left = this.parseAlternative();
    while (this.isPunct(',')) {
      this.position += 1;
      left = { type: 'comma', left, right: this.parseAlternative() };
    }
    return left;
  }

  private parseAlternative(): JqNode {
    const left = this.parseOr();
    if (!this.isPunct('//')) return left;
    this.position += 1;
    return { type: 'alternative', left, right: this.parseAlternative() };
  }

  private parseOr(): JqNode {
    let left = this.parseAnd();
    while (this.isIdent('or')) {
      this.position += 1;
      left = { type: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): JqNode {
    let left = this.parseComparison();
    while (this.isIdent('and')) {
      this.position += 1;
      left = { type: 'and', left, right: this.parseComparison() };
    }
    return left;
  }

  private parseComparison(): JqNode {
    const left = this.parsePostfix();
    const token = this.peek();
    if (token.kind === 'punct' && COMPARISONS.has(token.text)) {
      this.position += 1;
      const operator = token.text as '==' | '!=' | '<' | '<=' | '>' | '>=';
      return { type: 'compare', operator, left, right: this.parsePostfix() };
    }
    return left;
  }

  private parsePostfix(): JqNode {
    let node = this.parsePrimary();
    for (;;) {
      const token = this.peek();
      if (token.kind === 'field') {
        this.position += 1;
        node = { type: 'field', target: node, name: token.text };
      } else if (this.isPunct('.') && this.peek(1).kind === 'string') {
        this.position += 1;
        node = { type: 'field', target: node, name: (this.peek() as { text: string }).text };
        this.position += 1;
      } else if (this.isPunct('[') || (this.isPunct('.') && this.isPunct('[', 1))) {
        if (this.isPunct('.')) this.position += 1;
        node = this.parseBracket(node);
      } else if (this.isPunct('?')) {
        this.position += 1;
        node = { type: 'optional', body: node };
      } else return node;
    }
  }

  private parseBracket(target: JqNode): JqNode {
    this.expectPunct('[');
    if (this.isPunct(']')) {
      this.position += 1;
      return { type: 'iterate', target };
    }
    const index = this.parsePipe();
    this.expectPunct(']');
    return { type: 'index', target, index };
  }

  private parsePrimary(): JqNode {
    const token = this.peek();
    if (token.kind === 'field') {
      this.position += 1;
      return { type: 'field', target: { type: 'identity' }, name: token.text };
    }
    if (token.kind === 'string') {
      this.position += 1;
      return { type: 'literal', value: token.text };
    }
    if (token.kind === 'number') {
      this.position += 1;
      return { type: 'literal', value: token.value };
    }
    if (token.kind === 'punct') {
      if (token.text === '..') {
        this.position += 1;
        return { type: 'recurse' };
      }
      if (token.text === '.') {
        if (this.peek(1).kind === 'string' || this.isPunct('[', 1)) return { type: 'identity' };
        this.position += 1;
        return { type: 'identity' };
      }
      if (token.text === '(') {
        this.position += 1;
        const inner = this.parsePipe();
        this.expectPunct(')');
        return inner;
      }
    }
    if (token.kind === 'ident') return this.parseIdentifier(token.text);
    return this.fail(token, 'expected an expression');
  }

  private parseIdentifier(name: string): JqNode {
    this.position += 1;
    if (name === 'true' || name === 'false') return { type: 'literal', value: name === 'true' };
    if (name === 'null') return { type: 'literal', value: null };
    const args: JqNode[] = [];
    if (this.isPunct('(')) {
      this.position += 1;
      args.push(this.parsePipe());
      while (this.isPunct(';')) {
        this.position += 1;
        args.push(this.parsePipe());
      }
      this.expectPunct(')');
    }
    return { type: 'call', name, args };
  }
}

export function parseJq(source: string): JqNode {
  return new Parser(tokenize(source), source).parseProgram();
}
