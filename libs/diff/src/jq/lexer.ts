// Tokenizer for the jq subset (see parser.ts for what is accepted).
import { DiffError } from '../errors';

export type JqToken =
  | { kind: 'punct'; text: string; at: number }
  | { kind: 'ident'; text: string; at: number }
  | { kind: 'field'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'end'; at: number };

const PUNCT = ['..', '==', '!=', '<=', '>=', '//', '.', '[', ']', '(', ')', '|', ',', '?', ';', '<', '>'];

function readString(source: string, start: number): { text: string; end: number } {
  let text = '';
  let index = start + 1;
  while (index < source.length) {
    const char = source[index] as string;
    if (char === '"') return { text, end: index + 1 };
    if (char === '\\') {
      const next = source[index + 1];
      if (next === '(') {
        throw new DiffError(
          'DIFF_JQ_UNSUPPORTED',
          `string interpolation at ${index} is not supported in path expressions`,
        );
      }
      const escapes: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
      };
      if (next === 'u') {
        text += String.fromCharCode(parseInt(source.slice(index + 2, index + 6), 16));
        index += 6;
        continue;
      }
      const escaped = next === undefined ? undefined : escapes[next];
      if (escaped === undefined) throw new DiffError('DIFF_JQ_SYNTAX', `invalid escape at ${index}`);
      text += escaped;
      index += 2;
      continue;
    }
    text += char;
    index += 1;
  }
  throw new DiffError('DIFF_JQ_SYNTAX', `unterminated string starting at ${start}`);
}

export function tokenize(source: string): JqToken[] {
  const tokens: JqToken[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index] as string;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === '#') {
      while (index < source.length && source[index] !== '\n') index += 1;
      continue;
    }
    if (char === '"') {
      const { text, end } = readString(source, index);
      tokens.push({ kind: 'string', text, at: index });
      index = end;
      continue;
    }
    const field = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(index));
    if (field) {
      tokens.push({ kind: 'field', text: field[1] as string, at: index });
      index += field[0].length;
      continue;
    }
    // No arithmetic is supported, so a `-` before a digit can only start a negative literal.
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(index));
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at: index });
      index += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(index));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], at: index });
      index += ident[0].length;
      continue;
    }
    const punct = PUNCT.find((candidate) => source.startsWith(candidate, index));
    if (punct === undefined) {
      throw new DiffError('DIFF_JQ_UNSUPPORTED', `"${char}" at ${index} is not supported in path expressions`);
    }
    tokens.push({ kind: 'punct', text: punct, at: index });
    index += punct.length;
  }
  tokens.push({ kind: 'end', at: source.length });
  return tokens;
}
