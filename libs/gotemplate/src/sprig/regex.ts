// Sprig's regex functions. Go's RE2 syntax is translated to a JavaScript
// RegExp (named groups, inline flags, POSIX classes, \A and \z); RE2 and
// JavaScript agree on leftmost-first matching for these patterns.
import { own } from '../values/types';
import { fn, GoError, type FuncMap } from '../exec/function';
import { goQuote } from '../values/quote';
import { stringList } from './convert';

const posixClasses: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp>();

/** JavaScript's complaint reworded as RE2's, where the two correspond. */
const syntaxMessages: [RegExp, string][] = [
  [/Unterminated character class/, 'missing closing ]'],
  [/Unterminated group/, 'missing closing )'],
  [/Unmatched '\)'/, 'unexpected )'],
  [/Nothing to repeat/, 'missing argument to repetition operator'],
  [/Invalid escape|\\ at end of pattern/, 'invalid escape sequence'],
];

class RegexSyntaxError extends GoError {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    const known = syntaxMessages.find(([match]) => match.test(reason));
    super(
      `error parsing regexp: ${known ? known[1] : reason.replace(/^Invalid regular expression: /, '')}: \`${fragment(pattern, known?.[1])}\``,
    );
  }
}

/** The part of the pattern RE2 quotes: the operator or escape at fault, else the whole pattern. */
function fragment(pattern: string, message: string | undefined): string {
  if (message === 'missing argument to repetition operator') {
    return /(?:^|[(|])([*+?]|\{\d+(?:,\d*)?\})/.exec(pattern)?.[1] ?? pattern;
  }
  if (message === 'invalid escape sequence') return /\\.?/.exec(pattern)?.[0] ?? pattern;
  return pattern;
}

/** strconv.CanBackquote: no backquote and no control character other than tab. */
function canBackquote(text: string): boolean {
  return [...text].every(
    (char) => char !== '`' && char !== '\uFEFF' && (char === '\t' || char >= ' ') && char !== '\x7f',
  );
}

/** The panic text of regexp.MustCompile, which the non-must functions raise. */
function mustCompile(pattern: string): void {
  try {
    compileGoRegex(pattern);
  } catch (error) {
    if (error instanceof RegexSyntaxError) {
      const quoted = canBackquote(pattern) ? `\`${pattern}\`` : goQuote(pattern);
      throw new GoError(`regexp: Compile(${quoted}): ${error.message}`);
    }
    throw error;
  }
}

export function compileGoRegex(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let flags = 'gu';
  let source = pattern;
  const leading = /^\(\?([imsU]+)\)/.exec(source);
  if (leading) {
    for (const flag of leading[1]!) if (flag !== 'U' && !flags.includes(flag)) flags += flag;
    source = source.slice(leading[0].length);
  }
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\[\[:(\^?)(\w+):\]\]/g, (whole, negate: string, name: string) =>
      own(posixClasses, name) ? `[${negate}${own(posixClasses, name)}]` : whole,
    )
    .replace(/\[:(\w+):\]/g, (whole, name: string) => own(posixClasses, name) ?? whole)
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\\([pP])([A-Z])/g, '\\$1{$2}')
    .replace(/\\Q([\s\S]*?)(\\E|$)/g, (_, literal: string) => literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  // Go allows escaping any punctuation; the u flag only allows syntax characters.
  source = source.replace(/\\([!"#%&',:;<=>@_`~])/g, (_, char: string) => char);
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch (error) {
    throw new RegexSyntaxError(pattern, error instanceof Error ? error.message : String(error));
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, regex);
  return regex;
}

function matches(pattern: string, text: string, limit: number): RegExpExecArray[] {
  const regex = compileGoRegex(pattern);
  regex.lastIndex = 0;
  const found: RegExpExecArray[] = [];
  if (limit === 0) return found;
  let previousEnd = -1;
  for (;;) {
    const match = regex.exec(text);
    if (match === null) break;
    if (match[0] === '') {
      // Go skips an empty match adjacent to the previous match.
      if (match.index === previousEnd) {
        regex.lastIndex = match.index + (text.codePointAt(match.index)! > 0xffff ? 2 : 1);
        if (regex.lastIndex > text.length) break;
        continue;
      }
      regex.lastIndex = match.index + (match.index < text.length && text.codePointAt(match.index)! > 0xffff ? 2 : 1);
    }
    found.push(match);
    previousEnd = match.index + match[0].length;
    if (limit > 0 && found.length >= limit) break;
    if (match.index >= text.length) break;
  }
  return found;
}

/** regexp.Expand: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (whole, token: string, braced?: string, bare?: string) => {
    if (token === '$') return '$';
    const name = braced ?? bare ?? '';
    if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
    return match.groups?.[name] ?? '';
  });
}

function replaceAll(pattern: string, text: string, replacement: string, literal: boolean): string {
  let out = '';
  let last = 0;
  for (const match of matches(pattern, text, -1)) {
    out += text.slice(last, match.index) + (literal ? replacement : expand(replacement, match));
    last = match.index + match[0].length;
  }
  return out + text.slice(last);
}

function split(pattern: string, text: string, limit: number): string[] {
  if (limit === 0) return [];
  if (pattern.length > 0 && text === '') return [''];
  const found = matches(pattern, text, -1);
  const parts: string[] = [];
  let beginning = 0;
  for (const match of found) {
    if (limit > 0 && parts.length === limit - 1) break;
    const end = match.index;
    if (match[0].length === 0 && match.index === 0) continue;
    parts.push(text.slice(beginning, end));
    beginning = match.index + match[0].length;
  }
  parts.push(text.slice(beginning));
  return parts;
}

function pair(name: string, params: string[], impl: (args: unknown[]) => unknown): FuncMap {
  const mustName = `must${name[0]!.toUpperCase()}${name.slice(1)}`;
  const panicking = (args: unknown[]): unknown => {
    mustCompile(args[0] as string);
    return impl(args);
  };
  return { [name]: fn(params, panicking), [mustName]: fn(params, impl, { returnsError: true }) };
}

function quiet<T>(impl: () => T, fallback: T): T {
  try {
    return impl();
  } catch {
    return fallback;
  }
}

export const regexFuncs: FuncMap = {
  ...pair(
    'regexMatch',
    ['string', 'string'],
    ([pattern, text]) => matches(pattern as string, text as string, 1).length > 0,
  ),
  ...pair('regexFindAll', ['string', 'string', 'int'], ([pattern, text, limit]) =>
    stringList(matches(pattern as string, text as string, limit as number).map((match) => match[0])),
  ),
  ...pair(
    'regexFind',
    ['string', 'string'],
    ([pattern, text]) => matches(pattern as string, text as string, 1)[0]?.[0] ?? '',
  ),
  ...pair('regexReplaceAll', ['string', 'string', 'string'], ([pattern, text, replacement]) =>
    replaceAll(pattern as string, text as string, replacement as string, false),
  ),
  ...pair('regexReplaceAllLiteral', ['string', 'string', 'string'], ([pattern, text, replacement]) =>
    replaceAll(pattern as string, text as string, replacement as string, true),
  ),
  ...pair('regexSplit', ['string', 'string', 'int'], ([pattern, text, limit]) =>
    stringList(split(pattern as string, text as string, limit as number)),
  ),
  regexQuoteMeta: fn(['string'], ([text]) => (text as string).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
};

// regexMatch swallows a bad pattern and reports false, like Sprig.
regexFuncs.regexMatch = fn(['string', 'string'], ([pattern, text]) =>
  quiet(() => matches(pattern as string, text as string, 1).length > 0, false),
);
