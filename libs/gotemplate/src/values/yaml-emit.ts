// YAML output as Helm's toYaml produces it: sigs.k8s.io/yaml (JSON first, then
// go-yaml v2). Reproduces go-yaml's key order, scalar style choice (plain,
// single/double quoted, literal blocks) and its folding of long lines at 80 columns.
import { encodeFloat } from './json';
import { formatFloat } from './float';
import { GoStruct, integerValue, isPlainMap, own } from './types';

const BEST_WIDTH = 80;

/** A value after the JSON round trip: what go-yaml sees. */
type Node = null | boolean | string | { int: string } | { float: number } | Node[] | Map<string, Node>;

function throughJson(value: unknown): Node {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number': {
      const text = encodeFloat(value);
      return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? { int: text } : { float: Number(text) };
    }
  }
  const integer = integerValue(value);
  if (integer !== undefined) return { int: integer.toString() };
  if (Array.isArray(value)) return value.map(throughJson);
  if (value instanceof GoStruct && value.jsonValue) return throughJson(value.jsonValue());
  if (value instanceof GoStruct) {
    const map = new Map<string, Node>();
    for (const [key, field] of Object.entries(value.fields)) map.set(key, throughJson(field));
    return map;
  }
  if (isPlainMap(value)) {
    const map = new Map<string, Node>();
    for (const key of Object.keys(value).sort(yamlKeyLess)) map.set(key, throughJson(value[key]));
    return map;
  }
  return Object.prototype.toString.call(value);
}

const isLetter = (char: string): boolean => /\p{L}/u.test(char);
const isDigit = (char: string): boolean => /\p{Nd}/u.test(char);

/** go-yaml v2's key order: letters before digits, digit runs compared as numbers. */
function yamlKeyLess(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)! ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10n + BigInt(ar[ai]!.charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10n + BigInt(br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)! ? -1 : 1;
  }
  return ar.length === br.length ? 0 : ar.length < br.length ? -1 : 1;
}

// --- scalar resolution (what a plain scalar would be read back as) ---

const RESOLVED_WORDS = new Set(
  'y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF ~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF'.split(
    ' ',
  ),
);

function resolvesToNonString(text: string): boolean {
  if (text === '' || RESOLVED_WORDS.has(text)) return true;
  const first = text[0]!;
  if (first === '.') return /^\.\d/.test(text) && !Number.isNaN(Number(text)) && /^[.\d_eE+-]+$/.test(text);
  if (!/[+\-0-9]/.test(first)) return false;
  if (/^\d{4}-/.test(text) && isTimestamp(text)) return true;
  const plain = text.replaceAll('_', '');
  if (/^[+-]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|\d+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  if (/^-0b[01]+$/.test(plain)) return true;
  // Base 60 floats ("1:20") are quoted too.
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text);
}

function isTimestamp(text: string): boolean {
  return (
    /^\d{4}-\d{1,2}-\d{1,2}$/.test(text) ||
    /^\d{4}-\d{1,2}-\d{1,2}[Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(text)
  );
}

// --- scalar analysis (libyaml's yaml_emitter_analyze_scalar) ---

function isPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
  );
}

const isBreakChar = (char: string | undefined): boolean =>
  char === '\n' || char === '\r' || char === '\u0085' || char === '\u2028' || char === '\u2029';
const isBlankOrEnd = (char: string | undefined): boolean =>
  char === undefined || char === ' ' || char === '\t' || isBreakChar(char);

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function analyze(text: string): Analysis {
  const result: Analysis = { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (text === '') {
    return { multiline: false, blockPlainAllowed: false, singleQuotedAllowed: true, blockAllowed: false };
  }
  if (text.startsWith('---') || text.startsWith('...')) result.blockPlainAllowed = false;
  const chars = [...text];
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  chars.forEach((char, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = isBlankOrEnd(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(char)) blockIndicators = true;
      if ((char === '?' || char === ':') && followedByWhitespace) blockIndicators = true;
      if (char === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (char === ':' && followedByWhitespace) blockIndicators = true;
      if (char === '#' && precededByWhitespace) blockIndicators = true;
    }
    const code = char.codePointAt(0)!;
    if (!isPrintable(code)) specialCharacters = true;
    if (isBreakChar(char)) lineBreaks = true;
    if (char === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakChar(char)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(char);
  });
  result.multiline = lineBreaks;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) result.blockPlainAllowed = false;
  if (trailingSpace) result.blockAllowed = false;
  if (breakSpace) {
    result.blockPlainAllowed = false;
    result.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    result.blockPlainAllowed = false;
    result.singleQuotedAllowed = false;
    result.blockAllowed = false;
  }
  if (lineBreaks) result.blockPlainAllowed = false;
  if (blockIndicators) result.blockPlainAllowed = false;
  return result;
}

// --- writer ---

class Writer {
  out = '';
  column = 0;

  write(text: string): void {
    this.out += text;
    const newline = text.lastIndexOf('\n');
    this.column = newline >= 0 ? [...text.slice(newline + 1)].length : this.column + [...text].length;
  }

  indent(indent: number): void {
    this.out += `\n${' '.repeat(indent)}`;
    this.column = indent;
  }
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function chooseStyle(text: string, simpleKey: boolean): Style {
  const analysis = analyze(text);
  let style: Style = text.includes('\n') ? 'literal' : resolvesToNonString(text) ? 'double' : 'plain';
  if (style === 'plain') {
    if (!analysis.blockPlainAllowed) style = 'single';
    if (text === '' && simpleKey) style = 'single';
  }
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!analysis.blockAllowed || simpleKey)) style = 'double';
  return style;
}

function writePlain(writer: Writer, text: string, indent: number, allowBreaks: boolean): void {
  const chars = [...text];
  let spaces = false;
  chars.forEach((char, i) => {
    if (char === ' ') {
      if (allowBreaks && !spaces && writer.column > BEST_WIDTH && chars[i + 1] !== ' ') writer.indent(indent);
      else writer.write(char);
      spaces = true;
    } else {
      writer.write(char);
      spaces = false;
    }
  });
}

function writeSingle(writer: Writer, text: string, indent: number, allowBreaks: boolean): void {
  writer.write("'");
  const chars = [...text];
  let spaces = false;
  let breaks = false;
  chars.forEach((char, i) => {
    if (char === ' ') {
      if (
        allowBreaks &&
        !spaces &&
        writer.column > BEST_WIDTH &&
        i !== 0 &&
        i !== chars.length - 1 &&
        chars[i + 1] !== ' '
      ) {
        writer.indent(indent);
      } else writer.write(char);
      spaces = true;
    } else if (char === '\n') {
      if (!breaks) writer.write('\n');
      writer.write('\n');
      breaks = true;
    } else {
      if (breaks) {
        writer.out += ' '.repeat(indent);
        writer.column = indent;
      }
      writer.write(char === "'" ? "''" : char);
      spaces = false;
      breaks = false;
    }
  });
  writer.write("'");
}

const doubleEscapes: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\u0085': 'N',
  '\u00a0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

function writeDouble(writer: Writer, text: string, indent: number, allowBreaks: boolean): void {
  writer.write('"');
  const chars = [...text];
  let spaces = false;
  chars.forEach((char, i) => {
    const code = char.codePointAt(0)!;
    if (!isPrintable(code) || code === 0xfeff || isBreakChar(char) || char === '"' || char === '\\') {
      const escape = own(doubleEscapes, char);
      if (escape !== undefined) writer.write(`\\${escape}`);
      else if (code <= 0xff) writer.write(`\\x${code.toString(16).toUpperCase().padStart(2, '0')}`);
      else if (code <= 0xffff) writer.write(`\\u${code.toString(16).toUpperCase().padStart(4, '0')}`);
      else writer.write(`\\U${code.toString(16).toUpperCase().padStart(8, '0')}`);
      spaces = false;
    } else if (char === ' ') {
      if (allowBreaks && !spaces && writer.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        writer.indent(indent);
        if (chars[i + 1] === ' ') writer.write('\\');
      } else writer.write(char);
      spaces = true;
    } else {
      writer.write(char);
      spaces = false;
    }
  });
  writer.write('"');
}

function writeLiteral(writer: Writer, text: string, indent: number): void {
  let hints = '';
  if (text.startsWith(' ') || text.startsWith('\n')) hints += '2';
  if (!text.endsWith('\n')) hints += '-';
  else if (text.length === 1 || text.endsWith('\n\n')) hints += '+';
  writer.write(`|${hints}`);
  const lines = text.split('\n');
  // A trailing newline ends the last line rather than starting an empty one.
  if (text.endsWith('\n')) lines.pop();
  for (const line of lines) {
    if (line === '') {
      writer.out += '\n';
      writer.column = 0;
    } else {
      writer.indent(indent);
      writer.write(line);
    }
  }
}

function writeScalar(writer: Writer, text: string, indent: number, simpleKey: boolean): void {
  switch (chooseStyle(text, simpleKey)) {
    case 'plain':
      return writePlain(writer, text, indent, !simpleKey);
    case 'single':
      return writeSingle(writer, text, indent, !simpleKey);
    case 'double':
      return writeDouble(writer, text, indent, !simpleKey);
    case 'literal':
      return writeLiteral(writer, text, indent);
  }
}

function scalarText(node: Node): string | null {
  if (node === null) return 'null';
  if (typeof node === 'boolean') return String(node);
  if (typeof node === 'string') return null;
  if (Array.isArray(node) || node instanceof Map) return null;
  if ('int' in node) return node.int;
  const value = node.float;
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  return formatFloat(value, 'g', -1);
}

function writeNode(writer: Writer, node: Node, indent: number): void {
  const text = scalarText(node);
  if (text !== null) {
    writer.write(text);
    return;
  }
  if (typeof node === 'string') {
    writeScalar(writer, node, indent, false);
    return;
  }
  if (Array.isArray(node)) {
    if (node.length === 0) {
      writer.write('[]');
      return;
    }
    writeSequence(writer, node, indent - 2, false);
    return;
  }
  if (node instanceof Map) {
    if (node.size === 0) {
      writer.write('{}');
      return;
    }
    writeMapping(writer, node, indent - 2, false);
  }
}

function isBlockCollection(node: Node): boolean {
  return (Array.isArray(node) && node.length > 0) || (node instanceof Map && node.size > 0);
}

/** Writes "- item" lines at column `indent`; `inline` when the first "- " continues the current line. */
function writeSequence(writer: Writer, items: Node[], indent: number, inline: boolean): void {
  items.forEach((item, i) => {
    if (i > 0 || !inline) {
      if (writer.out !== '' || i > 0) writer.indent(indent);
    }
    writer.write('- ');
    if (Array.isArray(item) && item.length > 0) writeSequence(writer, item, indent + 2, true);
    else if (item instanceof Map && item.size > 0) writeMapping(writer, item, indent + 2, true);
    else writeNode(writer, item, indent + 2);
  });
}

function writeMapping(writer: Writer, map: Map<string, Node>, indent: number, inline: boolean): void {
  let first = true;
  for (const [key, value] of map) {
    if (!(first && inline)) {
      if (writer.out !== '' || !first) writer.indent(indent);
    }
    first = false;
    writeScalar(writer, key, indent, true);
    writer.write(':');
    if (Array.isArray(value) && value.length > 0) {
      // go-yaml v2 writes sequences inside mappings without extra indentation.
      writeSequence(writer, value, indent, false);
    } else if (value instanceof Map && value.size > 0) {
      writeMapping(writer, value, indent + 2, false);
    } else {
      writer.write(' ');
      writeNode(writer, value, indent + 2);
    }
  }
}

/** yaml.Marshal output (with its final newline). */
export function marshalYaml(value: unknown): string {
  const node = throughJson(value);
  const writer = new Writer();
  if (isBlockCollection(node)) {
    if (Array.isArray(node)) writeSequence(writer, node, 0, true);
    else writeMapping(writer, node as Map<string, Node>, 0, true);
  } else writeNode(writer, node, 2);
  return `${writer.out}\n`;
}
