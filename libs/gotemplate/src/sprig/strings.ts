// Sprig's string functions (strings.go, plus the goutils and xstrings helpers it calls).
import { fn, GoError, type FuncMap } from '../exec/function';
import { goQuote } from '../values/quote';
import { formatValue } from '../values/format';
import { utf8Decode, utf8Encode } from '../values/types';
import { stringList, strval } from './convert';
import { caseFuncs } from './case';

const S = 'string';
const I = 'int';
const ANY = 'interface {}';

/** Go's s[low:high] on bytes, with the runtime's panic messages. */
export function sliceBytes(text: string, low: number | null, high: number | null): string {
  const bytes = utf8Encode(text);
  const length = bytes.length;
  const start = low ?? 0;
  const end = high ?? length;
  if (high !== null && (end > length || end < 0)) {
    throw new GoError(`runtime error: slice bounds out of range [:${end}] with length ${length}`);
  }
  if (start < 0 || start > end) {
    throw new GoError(`runtime error: slice bounds out of range [${start}:${end}]`);
  }
  return utf8Decode(bytes.slice(start, end));
}

function byteLength(text: string): number {
  return utf8Encode(text).length;
}

function trunc(count: number, text: string): string {
  const length = byteLength(text);
  if (count < 0 && length + count > 0) return sliceBytes(text, length + count, null);
  if (count >= 0 && length > count) return sliceBytes(text, null, count);
  return text;
}

function substring(start: number, end: number, text: string): string {
  if (start < 0) return sliceBytes(text, null, end);
  if (end < 0 || end > byteLength(text)) return sliceBytes(text, start, null);
  return sliceBytes(text, start, end);
}

function abbreviateFull(text: string, offsetIn: number, maxWidth: number): string {
  if (text === '') return '';
  if (maxWidth < 4) return '';
  if (text.length <= maxWidth) return text;
  let offset = Math.min(offsetIn, text.length);
  if (text.length - offset < maxWidth - 3) offset = text.length - (maxWidth - 3);
  if (offset <= 4) return `${text.slice(0, maxWidth - 3)}...`;
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < text.length) return `...${abbreviateFull(text.slice(offset), 0, maxWidth - 3)}`;
  return `...${text.slice(text.length - (maxWidth - 3))}`;
}

function isSpace(char: string): boolean {
  return /^[\s\u0085\u00a0]$/u.test(char);
}

function initials(text: string): string {
  let out = '';
  let lastWasGap = true;
  for (const char of text) {
    if (isSpace(char)) lastWasGap = true;
    else if (lastWasGap) {
      out += char;
      lastWasGap = false;
    }
  }
  return out;
}

function wrapCustom(text: string, wrapLengthIn: number, newLineIn: string, wrapLongWords: boolean): string {
  if (text === '') return '';
  const newLine = newLineIn === '' ? '\n' : newLineIn;
  const wrapLength = Math.max(wrapLengthIn, 1);
  let offset = 0;
  let out = '';
  while (text.length - offset > wrapLength) {
    if (text[offset] === ' ') {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    const spaceToWrapAt = text.slice(offset, end).lastIndexOf(' ') + offset;
    if (spaceToWrapAt >= offset) {
      out += text.slice(offset, spaceToWrapAt) + newLine;
      offset = spaceToWrapAt + 1;
    } else if (wrapLongWords) {
      out += text.slice(offset, wrapLength + offset) + newLine;
      offset += wrapLength;
    } else {
      const index = text.slice(wrapLength + offset).indexOf(' ');
      if (index === -1) {
        out += text.slice(offset);
        offset = text.length;
      } else {
        const at = index + wrapLength + offset;
        out += text.slice(offset, at) + newLine;
        offset = at + 1;
      }
    }
  }
  return out + text.slice(offset);
}

const isUpper = (char: string): boolean => /\p{Lu}/u.test(char);
const isLower = (char: string): boolean => /\p{Ll}/u.test(char);
const isTitleCase = (char: string): boolean => /\p{Lt}/u.test(char);

function swapCase(text: string): string {
  // goutils title-cases a lower-case letter after whitespace; for the letters
  // JavaScript knows, title case and upper case coincide.
  let out = '';
  for (const char of text) {
    if (isUpper(char) || isTitleCase(char)) out += char.toLowerCase();
    else if (isLower(char)) out += char.toUpperCase();
    else out += char;
  }
  return out;
}

function untitle(text: string): string {
  let out = '';
  let next = true;
  for (const char of text) {
    if (isSpace(char)) {
      next = true;
      out += char;
    } else if (next) {
      out += char.toLowerCase();
      next = false;
    } else out += char;
  }
  return out;
}

/** strings.Title: upper-cases the first letter of every word. */
function title(text: string): string {
  let previous = ' ';
  let out = '';
  for (const char of text) {
    const separator =
      previous.charCodeAt(0) < 0x80
        ? !/[A-Za-z0-9_]/.test(previous)
        : !/[\p{L}\p{Nd}]/u.test(previous) && isSpace(previous);
    out += separator ? char.toUpperCase() : char;
    previous = char;
  }
  return out;
}

function indent(spaces: number, text: string, limit: number): string {
  const lines = text.split('\n').length;
  if (spaces * lines > limit) throw new GoError(`indent output of ${spaces * lines} spaces exceeds the output limit`);
  const pad = ' '.repeat(Math.max(spaces, 0));
  return pad + text.replaceAll('\n', `\n${pad}`);
}

/** Go's strings.Trim family with a cutset. */
function trimCutset(text: string, cutset: string, left: boolean, right: boolean): string {
  const chars = new Set(cutset);
  const runes = [...text];
  let start = 0;
  let end = runes.length;
  if (left) while (start < end && chars.has(runes[start]!)) start++;
  if (right) while (end > start && chars.has(runes[end - 1]!)) end--;
  return runes.slice(start, end).join('');
}

function trimSpace(text: string): string {
  return text.replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, '');
}

function repeat(count: number, text: string, limit: number): string {
  if (count < 0) throw new GoError('strings: negative Repeat count');
  if (count * text.length > limit)
    throw new GoError(`strings: Repeat output of ${count * text.length} characters exceeds the output limit`);
  return text.repeat(count);
}

/** strings.Split semantics (an empty separator splits into UTF-8 sequences). */
export function goSplit(text: string, separator: string, limit = -1): string[] {
  if (limit === 0) return [];
  if (separator === '') {
    const chars = [...text];
    if (limit > 0 && chars.length > limit) return [...chars.slice(0, limit - 1), chars.slice(limit - 1).join('')];
    return chars;
  }
  const parts = text.split(separator);
  if (limit > 0 && parts.length > limit) return [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(separator)];
  return parts;
}

function splitToMap(parts: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  parts.forEach((part, i) => (result[`_${i}`] = part));
  return result;
}

export const stringFuncs: FuncMap = {
  abbrev: fn([I, S], ([width, text]) =>
    (width as number) < 4 ? text : abbreviateFull(text as string, 0, width as number),
  ),
  abbrevboth: fn([I, I, S], ([left, right, text]) => {
    const [l, r] = [left as number, right as number];
    if (r < 4 || (l > 0 && r < 7)) return text;
    return abbreviateFull(text as string, l, r);
  }),
  trunc: fn([I, S], ([count, text]) => trunc(count as number, text as string)),
  trim: fn([S], ([text]) => trimSpace(text as string)),
  upper: fn([S], ([text]) => (text as string).toUpperCase()),
  lower: fn([S], ([text]) => (text as string).toLowerCase()),
  title: fn([S], ([text]) => title(text as string)),
  untitle: fn([S], ([text]) => untitle(text as string)),
  substr: fn([I, I, S], ([start, end, text]) => substring(start as number, end as number, text as string)),
  repeat: fn([I, S], ([count, text], context) =>
    repeat(count as number, text as string, context.limits.maxOutputLength),
  ),
  trimall: fn([S, S], ([cutset, text]) => trimCutset(text as string, cutset as string, true, true)),
  trimAll: fn([S, S], ([cutset, text]) => trimCutset(text as string, cutset as string, true, true)),
  trimSuffix: fn([S, S], ([suffix, text]) => {
    const [s, t] = [suffix as string, text as string];
    return s !== '' && t.endsWith(s) ? t.slice(0, t.length - s.length) : t;
  }),
  trimPrefix: fn([S, S], ([prefix, text]) => {
    const [p, t] = [prefix as string, text as string];
    return t.startsWith(p) ? t.slice(p.length) : t;
  }),
  nospace: fn([S], ([text]) =>
    [...(text as string)].filter((char) => !(char.charCodeAt(0) < 0x80 && isSpace(char))).join(''),
  ),
  initials: fn([S], ([text]) => initials(text as string)),
  swapcase: fn([S], ([text]) => swapCase(text as string)),
  wrap: fn([I, S], ([width, text]) => wrapCustom(text as string, width as number, '', false)),
  wrapWith: fn([I, S, S], ([width, separator, text]) =>
    wrapCustom(text as string, width as number, separator as string, true),
  ),
  contains: fn([S, S], ([needle, text]) => (text as string).includes(needle as string)),
  hasPrefix: fn([S, S], ([prefix, text]) => (text as string).startsWith(prefix as string)),
  hasSuffix: fn([S, S], ([suffix, text]) => (text as string).endsWith(suffix as string)),
  quote: fn(
    [],
    (args) =>
      args
        .filter((arg) => arg !== null)
        .map((arg) => goQuote(strval(arg)))
        .join(' '),
    { variadic: ANY },
  ),
  squote: fn(
    [],
    (args) =>
      args
        .filter((arg) => arg !== null)
        .map((arg) => `'${formatValue(arg)}'`)
        .join(' '),
    { variadic: ANY },
  ),
  cat: fn(
    [],
    (args) =>
      args
        .filter((arg) => arg !== null)
        .map((arg) => formatValue(arg))
        .join(' '),
    { variadic: ANY },
  ),
  indent: fn([I, S], ([spaces, text], context) =>
    indent(spaces as number, text as string, context.limits.maxOutputLength),
  ),
  nindent: fn(
    [I, S],
    ([spaces, text], context) => `\n${indent(spaces as number, text as string, context.limits.maxOutputLength)}`,
  ),
  replace: fn([S, S, S], ([from, to, text]) => goReplaceAll(text as string, from as string, to as string)),
  plural: fn([S, S, I], ([one, many, count]) => (count === 1 ? one : many)),
  toString: fn([ANY], ([value]) => strval(value)),
  split: fn([S, S], ([separator, text]) => splitToMap(goSplit(text as string, separator as string))),
  splitList: fn([S, S], ([separator, text]) => stringList(goSplit(text as string, separator as string))),
  splitn: fn([S, I, S], ([separator, count, text]) =>
    splitToMap(goSplit(text as string, separator as string, count as number)),
  ),
  ...caseFuncs,
};

/** strings.Replace(s, old, new, -1): an empty `old` inserts between every rune. */
function goReplaceAll(text: string, from: string, to: string): string {
  if (from === '') return to + [...text].join(to) + (text === '' ? '' : to);
  return text.split(from).join(to);
}
