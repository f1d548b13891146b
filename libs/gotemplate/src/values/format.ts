// Go's fmt package for template values: Sprint/Sprintln/Sprintf with the verbs
// and flags charts use, including Go's "%!verb(type=value)" complaints.
import { goQuote } from './quote';
import { formatFloat } from './float';
import { GoStruct, goTypeName, isGoFunction, isPlainMap, sortedKeys, TypedInt, utf8Encode } from './types';

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  precision: number | null;
  verb: string;
}

/** fmt refuses widths and precisions above a million. */
const MAX_FORMAT_NUMBER = 1_000_000;

const plainSpec: Spec = {
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  width: null,
  precision: null,
  verb: 'v',
};

/** fmt.Sprint(value) — %v. */
export function formatValue(value: unknown): string {
  return formatOne(value, plainSpec, 0);
}

export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    const previousIsString = i > 0 && typeof args[i - 1] === 'string';
    if (i > 0 && !isString && !previousIsString) out += ' ';
    out += formatValue(arg);
  });
  return out;
}

export function sprintln(args: readonly unknown[]): string {
  return `${args.map(formatValue).join(' ')}\n`;
}

function pad(text: string, spec: Spec, zeroAllowed = false): string {
  if (spec.width === null) return text;
  const length = [...text].length;
  if (length >= spec.width) return text;
  const fill = spec.width - length;
  if (spec.minus) return text + ' '.repeat(fill);
  if (spec.zero && zeroAllowed) {
    const signed = /^[+\- ]/.test(text);
    return signed ? text[0]! + '0'.repeat(fill) + text.slice(1) : '0'.repeat(fill) + text;
  }
  return ' '.repeat(fill) + text;
}

function badVerb(value: unknown, verb: string): string {
  if (value === null || value === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(value)}=${formatValue(value)})`;
}

function formatInteger(value: bigint, spec: Spec, typeName: string): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  let digits: string;
  let prefix = '';
  switch (spec.verb) {
    case 'v':
    case 'd':
      digits = magnitude.toString(10);
      break;
    case 'b':
      digits = magnitude.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = magnitude.toString(8);
      if (spec.verb === 'O') prefix = '0o';
      else if (spec.sharp && digits !== '0') prefix = '0';
      break;
    case 'x':
      digits = magnitude.toString(16);
      if (spec.sharp) prefix = '0x';
      break;
    case 'X':
      digits = magnitude.toString(16).toUpperCase();
      if (spec.sharp) prefix = '0X';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(value)), spec);
    case 'q':
      return pad(quoteRune(Number(value)), spec);
    case 'U': {
      const hex = magnitude.toString(16).toUpperCase().padStart(4, '0');
      return pad(`U+${hex}`, spec);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      return `%!${spec.verb}(${typeName}=${value})`;
    default:
      return `%!${spec.verb}(${typeName}=${value})`;
  }
  if (spec.precision !== null) {
    digits = digits.padStart(spec.precision, '0');
    if (spec.precision === 0 && value === 0n) digits = '';
  }
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const text = sign + prefix + digits;
  if (spec.zero && !spec.minus && spec.precision === null && spec.width !== null && text.length < spec.width) {
    return sign + prefix + '0'.repeat(spec.width - text.length) + digits;
  }
  return pad(text, spec);
}

function quoteRune(code: number): string {
  if (code === 39) return "'\\''";
  if (code === 34) return `'"'`;
  const quoted = goQuote(String.fromCodePoint(code));
  return `'${quoted.slice(1, -1)}'`;
}

function formatFloatValue(value: number, spec: Spec): string {
  let text: string;
  const precision = spec.precision ?? -1;
  switch (spec.verb) {
    case 'v':
      text = formatFloat(value, 'g', precision);
      break;
    case 'g':
    case 'G':
      text = formatFloat(value, spec.verb, precision);
      break;
    case 'e':
    case 'E':
    case 'f':
      text = formatFloat(value, spec.verb, spec.precision ?? 6);
      break;
    case 'F':
      text = formatFloat(value, 'f', spec.precision ?? 6);
      break;
    default:
      return badVerb(value, spec.verb);
  }
  if (spec.sharp && !text.includes('.') && !/[eE]|Inf|NaN/.test(text)) text += '.';
  if (!text.startsWith('-') && !/^[+]/.test(text)) {
    if (spec.plus) text = `+${text}`;
    else if (spec.space) text = ` ${text}`;
  } else if (text.startsWith('+') && !spec.plus && text !== '+Inf') {
    text = text.slice(1);
  }
  if (/Inf|NaN/.test(text)) return pad(text, spec);
  return pad(text, spec, true);
}

function formatString(value: string, spec: Spec): string {
  let text = value;
  if (spec.precision !== null) text = [...text].slice(0, spec.precision).join('');
  switch (spec.verb) {
    case 'v':
    case 's':
      return pad(text, spec);
    case 'q':
      return pad(spec.sharp && !text.includes('`') ? `\`${text}\`` : goQuote(text), spec);
    case 'x':
    case 'X': {
      let hex = [...utf8Encode(text)].map((byte) => byte.toString(16).padStart(2, '0')).join(spec.space ? ' ' : '');
      if (spec.verb === 'X') hex = hex.toUpperCase();
      return pad(hex, spec);
    }
    default:
      return badVerb(value, spec.verb);
  }
}

function formatOne(value: unknown, spec: Spec, depth: number): string {
  if (spec.verb === 'T') return pad(goTypeName(value), spec);
  if (value === undefined || value === null) {
    // Inside containers fmt prints a nil element as <nil> whatever the verb.
    return spec.verb === 'v' || depth > 0 ? pad('<nil>', spec) : `%!${spec.verb}(<nil>)`;
  }
  switch (typeof value) {
    case 'boolean':
      return spec.verb === 'v' || spec.verb === 't' ? pad(String(value), spec) : badVerb(value, spec.verb);
    case 'string':
      return formatString(value, spec);
    case 'number':
      return formatFloatValue(value, spec);
    case 'bigint':
      return formatInteger(value, spec, 'int');
  }
  if (value instanceof TypedInt) {
    if (value.type === 'uint8' && spec.verb === 'v') return formatInteger(value.value, spec, value.type);
    return formatInteger(value.value, spec, value.type);
  }
  if (value instanceof GoStruct) return formatStruct(value, spec, depth);
  if (isGoFunction(value)) return spec.verb === 'v' ? pad('0x0', spec) : badVerb(value, spec.verb);
  if (value instanceof Uint8Array) {
    if (spec.verb === 's' || spec.verb === 'q' || spec.verb === 'x' || spec.verb === 'X') {
      return formatString(new TextDecoder().decode(value), spec);
    }
    return `[${[...value].map((byte) => formatInteger(BigInt(byte), spec, 'uint8')).join(' ')}]`;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => formatOne(item, spec, depth + 1)).join(' ')}]`;
  }
  if (isPlainMap(value)) {
    const parts = sortedKeys(value).map(
      (key) => `${formatOne(key, spec, depth + 1)}:${formatOne(value[key], spec, depth + 1)}`,
    );
    return `map[${parts.join(' ')}]`;
  }
  return pad(Object.prototype.toString.call(value), spec);
}

function formatStruct(value: GoStruct, spec: Spec, depth: number): string {
  if (value.stringer && (spec.verb === 'v' || spec.verb === 's' || spec.verb === 'q')) {
    return formatString(value.stringer(), spec);
  }
  const fields = Object.entries(value.fields).map(([name, field]) =>
    spec.plus ? `${name}:${formatOne(field, spec, depth + 1)}` : formatOne(field, spec, depth + 1),
  );
  const body = `{${fields.join(' ')}}`;
  return value.typeName.startsWith('*') && depth === 0 ? `&${body}` : body;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argIndex = 0;
  let i = 0;
  while (i < format.length) {
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    i = percent + 1;
    const spec: Spec = { ...plainSpec, verb: '' };
    for (; i < format.length; i++) {
      const flag = format[i];
      if (flag === '+') spec.plus = true;
      else if (flag === '-') spec.minus = true;
      else if (flag === '#') spec.sharp = true;
      else if (flag === ' ') spec.space = true;
      else if (flag === '0') spec.zero = !spec.minus;
      else break;
    }
    if (format[i] === '*') {
      i++;
      const widthArg = args[argIndex++];
      const width = typeof widthArg === 'bigint' ? Number(widthArg) : null;
      if (width === null || Math.abs(width) > MAX_FORMAT_NUMBER) out += '%!(BADWIDTH)';
      else if (width < 0) {
        spec.minus = true;
        spec.width = -width;
      } else spec.width = width;
    } else {
      const match = /^\d+/.exec(format.slice(i));
      if (match) {
        i += match[0].length;
        if (Number(match[0]) > MAX_FORMAT_NUMBER) out += '%!(BADWIDTH)';
        else spec.width = Number(match[0]);
      }
    }
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        i++;
        const precisionArg = args[argIndex++];
        const precision = typeof precisionArg === 'bigint' ? Number(precisionArg) : null;
        if (precision === null || precision < 0 || precision > MAX_FORMAT_NUMBER) out += '%!(BADPREC)';
        else spec.precision = precision;
      } else {
        const match = /^\d+/.exec(format.slice(i));
        i += match ? match[0].length : 0;
        const precision = match ? Number(match[0]) : 0;
        if (precision > MAX_FORMAT_NUMBER) out += '%!(BADPREC)';
        else spec.precision = precision;
      }
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    spec.verb = verb;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argIndex++];
    if (verb === 'v' && spec.sharp) {
      out += goSyntax(arg);
      continue;
    }
    out += formatOne(arg, spec, 0);
  }
  if (argIndex < args.length) {
    const extra = args
      .slice(argIndex)
      .map((arg) => (arg === null || arg === undefined ? '<nil>' : `${goTypeName(arg)}=${formatValue(arg)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

/** %#v, for the value kinds data can hold. */
function goSyntax(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  switch (typeof value) {
    case 'string':
      return goQuote(value);
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < 1e21
        ? `${formatFloat(value, 'g', -1)}`
        : formatFloat(value, 'g', -1);
    case 'bigint':
    case 'boolean':
      return String(value);
  }
  if (value instanceof TypedInt) return `${value.value}`;
  if (Array.isArray(value)) return `${goTypeName(value)}{${value.map(goSyntax).join(', ')}}`;
  if (isPlainMap(value)) {
    const parts = sortedKeys(value).map((key) => `${goQuote(key)}:${goSyntax(value[key])}`);
    return `${goTypeName(value)}{${parts.join(', ')}}`;
  }
  return formatValue(value);
}
