// Go literal syntax used by the parser: strconv.Unquote for string and
// character constants, and strconv.ParseInt/ParseFloat with base prefixes.

export class LiteralError extends Error {}

const simpleEscapes: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** Decodes one escape starting after the backslash; returns the text and the next index. */
function unescape(body: string, at: number, quote: string): [string, number] {
  const char = body[at];
  if (char === undefined) throw new LiteralError('invalid syntax');
  const simple = Object.hasOwn(simpleEscapes, char) ? simpleEscapes[char] : undefined;
  if (simple !== undefined) return [simple, at + 1];
  if (char === quote) return [char, at + 1];
  const hexDigits = char === 'x' ? 2 : char === 'u' ? 4 : char === 'U' ? 8 : 0;
  if (hexDigits > 0) {
    const hex = body.slice(at + 1, at + 1 + hexDigits);
    if (!new RegExp(`^[0-9a-fA-F]{${hexDigits}}$`).test(hex)) throw new LiteralError('invalid syntax');
    const code = parseInt(hex, 16);
    if (char === 'x') return [String.fromCharCode(code), at + 1 + hexDigits];
    if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) throw new LiteralError('invalid syntax');
    return [String.fromCodePoint(code), at + 1 + hexDigits];
  }
  if (char >= '0' && char <= '7') {
    const octal = body.slice(at, at + 3);
    if (!/^[0-7]{3}$/.test(octal)) throw new LiteralError('invalid syntax');
    const code = parseInt(octal, 8);
    if (code > 255) throw new LiteralError('invalid syntax');
    return [String.fromCharCode(code), at + 3];
  }
  throw new LiteralError('invalid syntax');
}

/** strconv.Unquote for "..." and `...` literals. */
export function unquoteString(quoted: string): string {
  if (quoted.startsWith('`')) {
    if (!quoted.endsWith('`') || quoted.length < 2) throw new LiteralError('invalid syntax');
    return quoted.slice(1, -1).replaceAll('\r', '');
  }
  if (!quoted.startsWith('"') || !quoted.endsWith('"') || quoted.length < 2) throw new LiteralError('invalid syntax');
  const body = quoted.slice(1, -1);
  if (!body.includes('\\')) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const char = body[i]!;
    if (char !== '\\') {
      out += char;
      i++;
      continue;
    }
    const [text, next] = unescape(body, i + 1, '"');
    out += text;
    i = next;
  }
  return out;
}

/** Value of a character constant such as 'a' or '\n'. */
export function unquoteChar(quoted: string): number {
  const body = quoted.slice(1, -1);
  let text: string;
  let next: number;
  if (body.startsWith('\\')) [text, next] = unescape(body, 1, "'");
  else {
    const code = body.codePointAt(0);
    if (code === undefined || code === 39) throw new LiteralError('invalid syntax');
    text = String.fromCodePoint(code);
    next = code > 0xffff ? 2 : 1;
  }
  if (next !== body.length) throw new LiteralError(`malformed character constant: ${quoted}`);
  return text.codePointAt(0)!;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(text, 0, 64)-like parse; returns null when the text is not an integer. */
export function parseGoInteger(text: string): bigint | null {
  let sign = 1n;
  let body = text;
  if (body.startsWith('+') || body.startsWith('-')) {
    if (body.startsWith('-')) sign = -1n;
    body = body.slice(1);
  }
  let base = 10;
  let digits = body;
  const prefix = body.slice(0, 2).toLowerCase();
  if (prefix === '0x') [base, digits] = [16, body.slice(2)];
  else if (prefix === '0o') [base, digits] = [8, body.slice(2)];
  else if (prefix === '0b') [base, digits] = [2, body.slice(2)];
  else if (body.length > 1 && body.startsWith('0')) [base, digits] = [8, body.slice(1)];
  if (digits.includes('_')) {
    // Underscores may only separate digits, and only with a base prefix (or a leading 0).
    const pattern = base === 10 && !body.startsWith('0') ? /^[^_]+(_[^_]+)*$/ : /^_?[^_]+(_[^_]+)*$/;
    if (!pattern.test(digits)) return null;
    digits = digits.replaceAll('_', '');
  }
  const pattern = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base]!;
  if (!pattern.test(digits)) return null;
  const prefixText = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[base]!;
  return sign * BigInt(prefixText + digits);
}

export function fitsInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

export function fitsUint64(value: bigint): boolean {
  return value >= 0n && value <= UINT64_MAX;
}

/** strconv.ParseFloat(text, 64) over Go's literal syntax; null when malformed. */
export function parseGoFloat(text: string): number | null {
  const cleaned = text.replaceAll('_', '');
  if (/^[+-]?0[xX]/.test(cleaned)) {
    const match = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(cleaned);
    if (!match) return null;
    const [, sign, whole = '', fraction = '', exponent = '0'] = match;
    if (whole === '' && fraction === '') return null;
    const mantissa = parseInt(whole + fraction || '0', 16) / 16 ** fraction.length;
    const value = mantissa * 2 ** Number(exponent);
    return sign === '-' ? -value : value;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}
