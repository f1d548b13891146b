// Tokenizer for Go's text/template, following text/template/parse/lex.go:
// the same item kinds, trim-marker handling and error messages, so that
// parse errors read exactly as Go reports them.
import { formatRuneU, goQuote } from '../values/quote';

export const enum ItemType {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // Keywords.
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Item {
  type: ItemType;
  /** Offset in the input (UTF-16 code units). */
  pos: number;
  value: string;
  line: number;
}

const keywords: Record<string, ItemType> = {
  '.': ItemType.Dot,
  block: ItemType.Block,
  break: ItemType.Break,
  continue: ItemType.Continue,
  define: ItemType.Define,
  else: ItemType.Else,
  end: ItemType.End,
  if: ItemType.If,
  range: ItemType.Range,
  nil: ItemType.Nil,
  template: ItemType.Template,
  with: ItemType.With,
};

const LEFT_DELIM = '{{';
const RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const TRIM_MARKER_LEN = 2;
const EOF = -1;

export function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10;
}

function isAlphaNumeric(code: number): boolean {
  if (code < 0x80) {
    return code === 95 || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  return /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(code));
}

function hasLeftTrimMarker(input: string, at: number): boolean {
  return input.charCodeAt(at) === 45 && isSpaceCode(input.charCodeAt(at + 1));
}

function hasRightTrimMarker(input: string, at: number): boolean {
  return isSpaceCode(input.charCodeAt(at)) && input.charCodeAt(at + 1) === 45;
}

type StateFn = ((lexer: Lexer) => StateFn) | null;

/** Scans the whole input eagerly; scanning stops at the first error item. */
export class Lexer {
  readonly items: Item[] = [];
  private pos = 0;
  private start = 0;
  private atEOF = false;
  private parenDepth = 0;
  private line = 1;
  private startLine = 1;

  constructor(readonly input: string) {
    let state: StateFn = lexText;
    while (state !== null) state = state(this);
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const code = this.input.codePointAt(this.pos)!;
    this.pos += code > 0xffff ? 2 : 1;
    if (code === 10) this.line++;
    return code;
  }

  peek(): number {
    const code = this.next();
    this.backup();
    return code;
  }

  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      const low = this.input.charCodeAt(this.pos - 1);
      const width = low >= 0xdc00 && low <= 0xdfff && this.pos > 1 ? 2 : 1;
      this.pos -= width;
      if (low === 10) this.line--;
    }
  }

  emit(type: ItemType): void {
    this.items.push({ type, pos: this.start, value: this.input.slice(this.start, this.pos), line: this.startLine });
    this.start = this.pos;
    this.startLine = this.line;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const code = this.next();
    if (code >= 0 && valid.includes(String.fromCodePoint(code))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const code = this.next();
      if (code < 0 || !valid.includes(String.fromCodePoint(code))) break;
    }
    this.backup();
  }

  errorf(message: string): StateFn {
    this.items.push({ type: ItemType.Error, pos: this.start, value: message, line: this.startLine });
    return null;
  }

  atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT_DELIM, this.pos + TRIM_MARKER_LEN)) {
      return { delim: true, trimSpaces: true };
    }
    if (this.input.startsWith(RIGHT_DELIM, this.pos)) return { delim: true, trimSpaces: false };
    return { delim: false, trimSpaces: false };
  }

  atTerminator(): boolean {
    const code = this.peek();
    if (isSpaceCode(code)) return true;
    switch (code) {
      case EOF:
      case 46: // .
      case 44: // ,
      case 124: // |
      case 58: // :
      case 41: // )
      case 40: // (
        return true;
    }
    return this.input.startsWith(RIGHT_DELIM, this.pos);
  }

  // State accessors used by the state functions below.
  get position(): number {
    return this.pos;
  }
  set position(value: number) {
    this.pos = value;
  }
  get startPosition(): number {
    return this.start;
  }
  addLines(count: number): void {
    this.line += count;
  }
  get depth(): number {
    return this.parenDepth;
  }
  set depth(value: number) {
    this.parenDepth = value;
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

function trimRightLength(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return to - end;
}

function trimLeftLength(text: string, from: number): number {
  let end = from;
  while (end < text.length && isSpaceCode(text.charCodeAt(end))) end++;
  return end - from;
}

function lexText(l: Lexer): StateFn {
  const input = l.input;
  const found = input.indexOf(LEFT_DELIM, l.position);
  if (found >= 0) {
    l.position = found;
    let trimLength = 0;
    if (hasLeftTrimMarker(input, found + LEFT_DELIM.length)) {
      trimLength = trimRightLength(input, l.startPosition, found);
    }
    l.position -= trimLength;
    if (l.position > l.startPosition) {
      l.addLines(countNewlines(input, l.startPosition, l.position));
      l.emit(ItemType.Text);
    }
    l.position += trimLength;
    l.ignore();
    return lexLeftDelim;
  }
  l.position = input.length;
  if (l.position > l.startPosition) {
    l.addLines(countNewlines(input, l.startPosition, l.position));
    l.emit(ItemType.Text);
  }
  l.emit(ItemType.EOF);
  return null;
}

function lexLeftDelim(l: Lexer): StateFn {
  l.position += LEFT_DELIM.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.position);
  const afterMarker = trimSpace ? TRIM_MARKER_LEN : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.position + afterMarker)) {
    l.position += afterMarker;
    l.ignore();
    return lexComment;
  }
  l.emit(ItemType.LeftDelim);
  l.position += afterMarker;
  l.ignore();
  l.depth = 0;
  return lexInsideAction;
}

function lexComment(l: Lexer): StateFn {
  l.position += LEFT_COMMENT.length;
  const end = l.input.indexOf(RIGHT_COMMENT, l.position);
  if (end < 0) return l.errorf('unclosed comment');
  l.position = end + RIGHT_COMMENT.length;
  const { delim, trimSpaces } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  if (trimSpaces) l.position += TRIM_MARKER_LEN;
  l.position += RIGHT_DELIM.length;
  if (trimSpaces) l.position += trimLeftLength(l.input, l.position);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn {
  const trimSpace = hasRightTrimMarker(l.input, l.position);
  if (trimSpace) {
    l.position += TRIM_MARKER_LEN;
    l.ignore();
  }
  l.position += RIGHT_DELIM.length;
  l.emit(ItemType.RightDelim);
  if (trimSpace) {
    l.position += trimLeftLength(l.input, l.position);
    l.ignore();
  }
  return lexText;
}

function lexInsideAction(l: Lexer): StateFn {
  if (l.atRightDelim().delim) {
    if (l.depth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const code = l.next();
  if (code === EOF) return l.errorf('unclosed action');
  if (isSpaceCode(code)) {
    l.backup();
    return lexSpace;
  }
  switch (code) {
    case 61: // =
      l.emit(ItemType.Assign);
      return lexInsideAction;
    case 58: // :
      if (l.next() !== 61) return l.errorf('expected :=');
      l.emit(ItemType.Declare);
      return lexInsideAction;
    case 124:
      l.emit(ItemType.Pipe);
      return lexInsideAction;
    case 34:
      return lexQuote;
    case 96:
      return lexRawQuote;
    case 36:
      return lexVariable;
    case 39:
      return lexChar;
    case 40:
      l.emit(ItemType.LeftParen);
      l.depth++;
      return lexInsideAction;
    case 41:
      l.emit(ItemType.RightParen);
      l.depth--;
      if (l.depth < 0) return l.errorf(`unexpected right paren ${formatRuneU(code)}`);
      return lexInsideAction;
  }
  if (code === 46) {
    const following = l.input.charCodeAt(l.position);
    if (l.position < l.input.length && (following < 48 || following > 57)) return lexField;
    l.backup();
    return lexNumber;
  }
  if (code === 43 || code === 45 || (code >= 48 && code <= 57)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(code)) {
    l.backup();
    return lexIdentifier;
  }
  if (code <= 0x7f && code >= 0x20 && code !== 0x7f) {
    l.emit(ItemType.Char);
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${formatRuneU(code)}`);
}

function lexSpace(l: Lexer): StateFn {
  let spaces = 0;
  while (isSpaceCode(l.peek())) {
    l.next();
    spaces++;
  }
  if (
    hasRightTrimMarker(l.input, l.position - 1) &&
    l.input.startsWith(RIGHT_DELIM, l.position - 1 + TRIM_MARKER_LEN)
  ) {
    l.backup();
    if (spaces === 1) return lexRightDelim;
  }
  l.emit(ItemType.Space);
  return lexInsideAction;
}

function lexIdentifier(l: Lexer): StateFn {
  for (;;) {
    const code = l.next();
    if (isAlphaNumeric(code)) continue;
    l.backup();
    const word = l.input.slice(l.startPosition, l.position);
    if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(code)}`);
    const keyword = Object.hasOwn(keywords, word) ? keywords[word] : undefined;
    if (keyword !== undefined && keyword > ItemType.Variable) l.emit(keyword);
    else if (word.startsWith('.')) l.emit(ItemType.Field);
    else if (word === 'true' || word === 'false') l.emit(ItemType.Bool);
    else l.emit(ItemType.Identifier);
    return lexInsideAction;
  }
}

function lexField(l: Lexer): StateFn {
  return lexFieldOrVariable(l, ItemType.Field);
}

function lexVariable(l: Lexer): StateFn {
  if (l.atTerminator()) {
    l.emit(ItemType.Variable);
    return lexInsideAction;
  }
  return lexFieldOrVariable(l, ItemType.Variable);
}

function lexFieldOrVariable(l: Lexer, type: ItemType): StateFn {
  if (l.atTerminator()) {
    l.emit(type === ItemType.Variable ? ItemType.Variable : ItemType.Dot);
    return lexInsideAction;
  }
  let code: number;
  for (;;) {
    code = l.next();
    if (!isAlphaNumeric(code)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(code)}`);
  l.emit(type);
  return lexInsideAction;
}

function lexChar(l: Lexer): StateFn {
  for (;;) {
    const code = l.next();
    if (code === 92) {
      const escaped = l.next();
      if (escaped !== EOF && escaped !== 10) continue;
      return l.errorf('unterminated character constant');
    }
    if (code === EOF || code === 10) return l.errorf('unterminated character constant');
    if (code === 39) break;
  }
  l.emit(ItemType.CharConstant);
  return lexInsideAction;
}

function lexNumber(l: Lexer): StateFn {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.startPosition, l.position))}`);
  const sign = l.peek();
  if (sign === 43 || sign === 45) {
    if (!scanNumber(l) || l.input[l.position - 1] !== 'i') {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.startPosition, l.position))}`);
    }
    l.emit(ItemType.Complex);
  } else {
    l.emit(ItemType.Number);
  }
  return lexInsideAction;
}

function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

function lexQuote(l: Lexer): StateFn {
  for (;;) {
    const code = l.next();
    if (code === 92) {
      const escaped = l.next();
      if (escaped !== EOF && escaped !== 10) continue;
      return l.errorf('unterminated quoted string');
    }
    if (code === EOF || code === 10) return l.errorf('unterminated quoted string');
    if (code === 34) break;
  }
  l.emit(ItemType.String);
  return lexInsideAction;
}

function lexRawQuote(l: Lexer): StateFn {
  for (;;) {
    const code = l.next();
    if (code === EOF) return l.errorf('unterminated raw quoted string');
    if (code === 96) break;
  }
  l.emit(ItemType.RawString);
  return lexInsideAction;
}
