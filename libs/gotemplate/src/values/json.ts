// encoding/json for template values: Marshal (sorted keys, HTML-safe escaping,
// Go's float formatting), MarshalIndent, and Unmarshal into interface{}.
import { GoError } from '../exec/function';
import { goQuote } from './quote';
import { formatFloat } from './float';
import { GoStruct, integerValue, isGoFunction, sortedKeys } from './types';

export interface JsonOptions {
  escapeHTML: boolean;
  indent?: string;
}

function encodeString(text: string, escapeHTML: boolean): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20) out += `\\u00${code.toString(16).padStart(2, '0')}`;
    else if (escapeHTML && (char === '<' || char === '>' || char === '&')) {
      out += `\\u00${code.toString(16).padStart(2, '0')}`;
    } else if (code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16)}`;
    else out += char;
  }
  return out + '"';
}

/** Go's float encoding: 'f' format unless the exponent is < -6 or >= 21. */
export function encodeFloat(value: number): string {
  if (!Number.isFinite(value)) throw new GoError(`json: unsupported value: ${formatFloat(value, 'g', -1)}`);
  const absolute = Math.abs(value);
  if (absolute !== 0 && (absolute < 1e-6 || absolute >= 1e21)) {
    return formatFloat(value, 'e', -1).replace(/e([+-])0(\d)$/, 'e$1$2');
  }
  return formatFloat(value, 'f', -1);
}

export function marshalJson(value: unknown, options: JsonOptions): string {
  return encode(value, options, '');
}

function encode(value: unknown, options: JsonOptions, prefix: string): string {
  if (value === undefined || value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return String(value);
    case 'string':
      return encodeString(value, options.escapeHTML);
    case 'number':
      return encodeFloat(value);
  }
  const integer = integerValue(value);
  if (integer !== undefined) return integer.toString();
  if (value instanceof Uint8Array) return `"${btoa(String.fromCharCode(...value))}"`;
  if (isGoFunction(value)) throw new GoError(`json: unsupported type: ${value.typeName}`);
  if (value instanceof GoStruct && value.jsonValue) return encode(value.jsonValue(), options, prefix);
  const indent = options.indent;
  const inner = indent === undefined ? '' : prefix + indent;
  const open = indent === undefined ? '' : `\n${inner}`;
  const close = indent === undefined ? '' : `\n${prefix}`;
  const separator = indent === undefined ? ',' : `,\n${inner}`;
  const colon = indent === undefined ? ':' : ': ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${open}${value.map((item) => encode(item, options, inner)).join(separator)}${close}]`;
  }
  const entries: [string, unknown][] =
    value instanceof GoStruct
      ? Object.entries(value.fields)
      : sortedKeys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
  if (entries.length === 0) return '{}';
  const parts = entries.map(
    ([key, item]) => `${encodeString(key, options.escapeHTML)}${colon}${encode(item, options, inner)}`,
  );
  return `{${open}${parts.join(separator)}${close}}`;
}

/** json.Unmarshal into interface{}: objects → maps, numbers → float64. */
export function unmarshalJson(text: string): unknown {
  const problem = new JsonChecker(text).check();
  if (problem !== null) throw new GoError(problem);
  return JSON.parse(text) as unknown;
}

function quoteChar(char: string): string {
  if (char === "'") return "'\\''";
  if (char === '"') return `'"'`;
  const quoted = goQuote(char);
  return `'${quoted.slice(1, -1)}'`;
}

/** Finds the first syntax error the way encoding/json's scanner words it. */
class JsonChecker {
  private at = 0;
  constructor(private readonly text: string) {}

  check(): string | null {
    try {
      this.skip();
      this.value('looking for beginning of value');
      this.skip();
      if (this.at < this.text.length) this.fail('after top-level value');
      return null;
    } catch (error) {
      if (error instanceof JsonSyntax) return error.message;
      throw error;
    }
  }

  private fail(context: string): never {
    // At the end Go's scanner feeds a space, which only literals and numbers reject.
    const inToken = context.startsWith('in literal') || context.includes('numeric literal');
    if (this.at >= this.text.length && inToken) throw new JsonSyntax(`invalid character ' ' ${context}`);
    if (this.at >= this.text.length) throw new JsonSyntax('unexpected end of JSON input');
    const char = String.fromCodePoint(this.text.codePointAt(this.at)!);
    throw new JsonSyntax(`invalid character ${quoteChar(char)} ${context}`);
  }

  private skip(): void {
    while (this.at < this.text.length && ' \t\r\n'.includes(this.text[this.at]!)) this.at++;
  }

  private value(context: string): void {
    const char = this.text[this.at];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (char === word[0]) {
        for (let i = 1; i < word.length; i++) {
          this.at++;
          if (this.text[this.at] !== word[i]) this.fail(`in literal ${word} (expecting ${quoteChar(word[i]!)})`);
        }
        this.at++;
        return;
      }
    }
    this.fail(context);
  }

  private object(): void {
    this.at++;
    this.skip();
    if (this.text[this.at] === '}') {
      this.at++;
      return;
    }
    for (;;) {
      if (this.text[this.at] !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.skip();
      if (this.text[this.at] !== ':') this.fail('after object key');
      this.at++;
      this.skip();
      this.value('looking for beginning of value');
      this.skip();
      if (this.text[this.at] === ',') {
        this.at++;
        this.skip();
        continue;
      }
      if (this.text[this.at] === '}') {
        this.at++;
        return;
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): void {
    this.at++;
    this.skip();
    if (this.text[this.at] === ']') {
      this.at++;
      return;
    }
    for (;;) {
      this.value('looking for beginning of value');
      this.skip();
      if (this.text[this.at] === ',') {
        this.at++;
        this.skip();
        continue;
      }
      if (this.text[this.at] === ']') {
        this.at++;
        return;
      }
      this.fail('after array element');
    }
  }

  private string(): void {
    this.at++;
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined) this.fail('in string literal');
      if (char === '"') {
        this.at++;
        return;
      }
      if (char === '\\') {
        this.at++;
        const escape = this.text[this.at];
        if (escape === 'u') {
          for (let i = 0; i < 4; i++) {
            this.at++;
            if (!/[0-9a-fA-F]/.test(this.text[this.at] ?? '')) this.fail('in \\u hexadecimal character escape');
          }
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.fail('in string escape code');
      } else if (char < ' ') this.fail('in string literal');
      this.at++;
    }
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.at));
    if (!match) {
      if (this.text[this.at] === '-') this.at++;
      this.fail('in numeric literal');
    }
    this.at += match[0].length;
    const next = this.text[this.at];
    if (next === '.' || next === 'e' || next === 'E') {
      this.at++;
      this.fail(next === '.' ? 'after decimal point in numeric literal' : 'in exponent of numeric literal');
    }
  }
}

class JsonSyntax extends Error {}
