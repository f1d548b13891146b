// Tokenizer for expr-lang source: numbers (decimal, 0x, 0o, 0b, `_` separators, floats), strings
// in single, double or back quotes, identifiers, `#` pointers, operators and comments.
import { ExprSyntaxError, positionOf } from './errors';

export type TokenKind = 'number' | 'string' | 'ident' | 'op' | 'pointer' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text for ident/op/pointer; decoded text for strings. */
  value: string;
  /** Numeric value of a number token. */
  number?: number;
  /** True for a float literal (`1.5`, `1e3`), false for an integer literal. */
  isFloat?: boolean;
  start: number;
  end: number;
}

// Longest first so `?.` wins over `?`, `**` over `*`.
const OPERATORS = [
  '?.',
  '??',
  '..',
  '**',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '<',
  '>',
  '!',
  '?',
  ':',
  '.',
  ',',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '|',
  ';',
  '=',
];

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  a: '\x07',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '`': '`',
};

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isIdentStart(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z_$\p{L}]/u.test(char);
}

function isIdentPart(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9_$\p{L}\p{N}]/u.test(char);
}

export class Lexer {
  private index = 0;
  private previous: Token | undefined;

  constructor(private readonly source: string) {}

  private fail(reason: string, start: number, token: string): never {
    throw new ExprSyntaxError(reason, positionOf(this.source, start), token);
  }

  tokenize(): Token[] {
    const tokens: Token[] = [];
    for (;;) {
      const token = this.next();
      tokens.push(token);
      this.previous = token;
      if (token.kind === 'eof') return tokens;
    }
  }

  private skipSpaceAndComments(): void {
    const source = this.source;
    while (this.index < source.length) {
      const char = source[this.index];
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
        this.index += 1;
      } else if (char === '/' && source[this.index + 1] === '/') {
        while (this.index < source.length && source[this.index] !== '\n') this.index += 1;
      } else if (char === '/' && source[this.index + 1] === '*') {
        const close = source.indexOf('*/', this.index + 2);
        if (close < 0) this.fail('unterminated comment', this.index, '/*');
        this.index = close + 2;
      } else {
        return;
      }
    }
  }

  /** Whether the previous token ends an operand, so a following `.` is member access. */
  private afterOperand(): boolean {
    const previous = this.previous;
    if (!previous) return false;
    if (previous.kind === 'number' || previous.kind === 'string' || previous.kind === 'pointer') return true;
    if (previous.kind === 'ident') return true;
    return previous.kind === 'op' && (previous.value === ')' || previous.value === ']' || previous.value === '}');
  }

  private next(): Token {
    this.skipSpaceAndComments();
    const source = this.source;
    const start = this.index;
    if (start >= source.length) return { kind: 'eof', value: 'end of input', start, end: start };
    const char = source[start];
    if (isDigit(char) || (char === '.' && isDigit(source[start + 1]) && !this.afterOperand())) {
      return this.number(start);
    }
    if (char === '"' || char === "'") return this.quoted(start, char);
    if (char === '`') {
      const close = source.indexOf('`', start + 1);
      if (close < 0) this.fail('unterminated string', start, source.slice(start, start + 12));
      this.index = close + 1;
      return { kind: 'string', value: source.slice(start + 1, close), start, end: this.index };
    }
    if (char === '#') {
      this.index += 1;
      while (isIdentPart(source[this.index])) this.index += 1;
      return { kind: 'pointer', value: source.slice(start, this.index), start, end: this.index };
    }
    if (isIdentStart(char)) {
      while (isIdentPart(source[this.index])) this.index += 1;
      return { kind: 'ident', value: source.slice(start, this.index), start, end: this.index };
    }
    for (const operator of OPERATORS) {
      if (source.startsWith(operator, start)) {
        // `a ? .5 : 1` is a ternary with a float, not optional chaining.
        if (operator === '?.' && isDigit(source[start + 2])) continue;
        this.index = start + operator.length;
        return { kind: 'op', value: operator, start, end: this.index };
      }
    }
    return this.fail(`unexpected character ${JSON.stringify(char)}`, start, char ?? '');
  }

  private number(start: number): Token {
    const source = this.source;
    const prefix = source.slice(start, start + 2).toLowerCase();
    const radix = prefix === '0x' ? 16 : prefix === '0o' ? 8 : prefix === '0b' ? 2 : 10;
    if (radix !== 10) {
      this.index = start + 2;
      while (/[0-9a-fA-F_]/.test(source[this.index] ?? '')) this.index += 1;
      const digits = source.slice(start + 2, this.index).replaceAll('_', '');
      const value = digits === '' ? Number.NaN : parseInt(digits, radix);
      if (Number.isNaN(value) || !new RegExp(`^[${'0123456789abcdef'.slice(0, radix)}]+$`, 'i').test(digits)) {
        this.fail('invalid number literal', start, source.slice(start, this.index));
      }
      return {
        kind: 'number',
        value: source.slice(start, this.index),
        number: value,
        isFloat: false,
        start,
        end: this.index,
      };
    }
    let isFloat = false;
    while (isDigit(source[this.index]) || source[this.index] === '_') this.index += 1;
    // A `.` is a decimal point only when a digit follows: `1..3` is a range.
    if (source[this.index] === '.' && isDigit(source[this.index + 1])) {
      isFloat = true;
      this.index += 1;
      while (isDigit(source[this.index]) || source[this.index] === '_') this.index += 1;
    }
    if (source[this.index] === 'e' || source[this.index] === 'E') {
      const save = this.index;
      this.index += 1;
      if (source[this.index] === '+' || source[this.index] === '-') this.index += 1;
      if (isDigit(source[this.index])) {
        isFloat = true;
        while (isDigit(source[this.index])) this.index += 1;
      } else {
        this.index = save;
      }
    }
    const text = source.slice(start, this.index);
    if (isIdentStart(source[this.index])) this.fail('invalid number literal', start, text + (source[this.index] ?? ''));
    const value = Number(text.replaceAll('_', ''));
    if (Number.isNaN(value)) this.fail('invalid number literal', start, text);
    return { kind: 'number', value: text, number: value, isFloat, start, end: this.index };
  }

  private quoted(start: number, quote: string): Token {
    const source = this.source;
    let value = '';
    this.index = start + 1;
    for (;;) {
      const char = source[this.index];
      if (char === undefined || char === '\n') this.fail('unterminated string', start, source.slice(start, this.index));
      if (char === quote) {
        this.index += 1;
        return { kind: 'string', value, start, end: this.index };
      }
      if (char !== '\\') {
        value += char;
        this.index += 1;
        continue;
      }
      const escape = source[this.index + 1] ?? '';
      if (escape in ESCAPES) {
        value += ESCAPES[escape];
        this.index += 2;
      } else if (escape === 'u' || escape === 'x' || escape === 'U') {
        const width = escape === 'x' ? 2 : escape === 'u' ? 4 : 8;
        const hex = source.slice(this.index + 2, this.index + 2 + width);
        if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) {
          this.fail(`invalid \\${escape} escape`, this.index, source.slice(this.index, this.index + 2 + width));
        }
        const codePoint = parseInt(hex, 16);
        if (codePoint > 0x10ffff) this.fail('invalid unicode escape', this.index, `\\${escape}${hex}`);
        value += String.fromCodePoint(codePoint);
        this.index += 2 + width;
      } else {
        this.fail(`invalid escape \\${escape}`, this.index, `\\${escape}`);
      }
    }
  }
}

export function tokenize(source: string): Token[] {
  return new Lexer(source).tokenize();
}
