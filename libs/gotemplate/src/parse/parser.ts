// Recursive-descent parser for text/template, mirroring the structure of Go's
// text/template/parse/parse.go so that the accepted syntax and the parse
// error messages ("template: NAME:LINE: ...") match.
import { goQuote } from '../values/quote';
import { ItemType, Lexer, type Item } from './lexer';
import {
  fitsInt64,
  fitsUint64,
  LiteralError,
  parseGoFloat,
  parseGoInteger,
  unquoteChar,
  unquoteString,
} from './literals';
import {
  isEmptyTree,
  nodeString,
  type BranchNode,
  type CommandNode,
  type ElseNode,
  type EndNode,
  type ListNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type Source,
  type TemplateNode,
  type VariableNode,
} from './nodes';

export class ParseError extends Error {
  constructor(
    message: string,
    readonly parseName: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'ParseError';
  }
}

export interface ParseOptions {
  /** Name of the template being parsed (Go's Tree.ParseName in errors). */
  name: string;
  /** Parse-time function check, like Go's funcs maps. */
  hasFunction: (name: string) => boolean;
}

/** Trees produced by one Parse call: the main tree plus every define/block. */
export type TreeSet = Map<string, ListNode>;

const KEYWORD_MIN = ItemType.Block;

function itemString(item: Item): string {
  if (item.type === ItemType.EOF) return 'EOF';
  if (item.type === ItemType.Error) return item.value;
  if (item.type >= KEYWORD_MIN) return `<${item.value}>`;
  const chars = [...item.value];
  if (chars.length > 10) return `${goQuote(chars.slice(0, 10).join(''))}...`;
  return goQuote(item.value);
}

export function parseTemplate(text: string, options: ParseOptions): TreeSet {
  const parser = new Parser(text, options);
  return parser.parseAll();
}

class Parser {
  private readonly items: Item[];
  private index = 0;
  private furthest = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;
  private readonly treeSet: TreeSet = new Map();
  private readonly source: Source;

  constructor(
    text: string,
    private readonly options: ParseOptions,
  ) {
    this.items = new Lexer(text).items;
    this.source = { parseName: options.name, text };
  }

  // --- token stream ---

  private next(): Item {
    // Past the end, the final item (EOF or the lexer's error) repeats.
    const item = this.items[Math.min(this.index, this.items.length - 1)]!;
    this.index++;
    if (this.index - 1 > this.furthest) this.furthest = this.index - 1;
    return item;
  }
  private backup(): void {
    this.index--;
  }
  private peek(): Item {
    const item = this.next();
    this.backup();
    return item;
  }
  private nextNonSpace(): Item {
    let item: Item;
    do item = this.next();
    while (item.type === ItemType.Space);
    return item;
  }
  private peekNonSpace(): Item {
    const item = this.nextNonSpace();
    this.backup();
    return item;
  }

  private errorf(message: string): never {
    const token = this.items[Math.min(this.furthest, this.items.length - 1)];
    const line = token?.line ?? 1;
    throw new ParseError(`template: ${this.source.parseName}:${line}: ${message}`, this.source.parseName, line);
  }

  private expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== expected) this.unexpected(token, context);
    return token;
  }

  private expectOneOf(first: ItemType, second: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== first && token.type !== second) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Item, context: string): never {
    if (token.type === ItemType.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.source.parseName}:${this.actionLine}`;
        if (token.value.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  // --- trees ---

  parseAll(): TreeSet {
    const root = this.list(this.peek().pos);
    while (this.peek().type !== ItemType.EOF) {
      if (this.peek().type === ItemType.LeftDelim) {
        const delimIndex = this.index;
        this.next();
        if (this.nextNonSpace().type === ItemType.Define) {
          this.parseDefinition();
          continue;
        }
        this.index = delimIndex;
      }
      const node = this.textOrAction();
      if (node.kind === 'end' || node.kind === 'else') this.errorf(`unexpected ${nodeString(node)}`);
      root.nodes.push(node);
    }
    this.add(this.options.name, root);
    return this.treeSet;
  }

  private add(name: string, root: ListNode): void {
    const existing = this.treeSet.get(name);
    if (existing === undefined || isEmptyTree(existing)) {
      this.treeSet.set(name, root);
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameToken = this.expectOneOf(ItemType.String, ItemType.RawString, context);
    const name = this.unquote(nameToken.value);
    this.expect(ItemType.RightDelim, context);
    const savedVars = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.vars = savedVars;
    this.add(name, list);
  }

  private list(pos: number): ListNode {
    return { kind: 'list', pos, source: this.source, nodes: [] };
  }

  private itemList(): [ListNode, EndNode | ElseNode] {
    const list = this.list(this.peekNonSpace().pos);
    while (this.peekNonSpace().type !== ItemType.EOF) {
      const node = this.textOrAction();
      if (node.kind === 'end' || node.kind === 'else') return [list, node];
      list.nodes.push(node);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.type) {
      case ItemType.Text:
        return { kind: 'text', pos: token.pos, source: this.source, text: token.value };
      case ItemType.LeftDelim: {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.type) {
      case ItemType.Block:
        return this.blockControl();
      case ItemType.Break:
      case ItemType.Continue:
        return this.loopControl(token);
      case ItemType.Else:
        return this.elseControl();
      case ItemType.End:
        return { kind: 'end', pos: this.expect(ItemType.RightDelim, 'end').pos, source: this.source };
      case ItemType.If:
        return this.branchControl('if', true);
      case ItemType.Range:
        return this.branchControl('range', false);
      case ItemType.Template:
        return this.templateControl();
      case ItemType.With:
        return this.branchControl('with', true);
    }
    this.backup();
    const start = this.peek();
    const pipe = this.pipeline('command', ItemType.RightDelim);
    return { kind: 'action', pos: start.pos, line: start.line, source: this.source, pipe };
  }

  private loopControl(token: Item): Node {
    const word = token.type === ItemType.Break ? 'break' : 'continue';
    const closing = this.nextNonSpace();
    if (closing.type !== ItemType.RightDelim) this.unexpected(closing, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
    return { kind: word, pos: token.pos, line: token.line, source: this.source };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = {
      kind: 'pipe',
      pos: start.pos,
      line: start.line,
      source: this.source,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    for (;;) {
      const variable = this.peekNonSpace();
      if (variable.type !== ItemType.Variable) break;
      const variableIndex = this.index;
      this.next();
      // Go peeks at the token after the variable; that lookahead also decides the line of a parse error.
      this.peek();
      const following = this.peekNonSpace();
      if (following.type === ItemType.Assign || following.type === ItemType.Declare) {
        pipe.isAssign = following.type === ItemType.Assign;
        this.nextNonSpace();
        pipe.decl.push(this.variableNode(variable.pos, variable.value));
        this.vars.push(variable.value);
        break;
      }
      if (following.type === ItemType.Char && following.value === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.variableNode(variable.pos, variable.value));
        this.vars.push(variable.value);
        if (context === 'range' && pipe.decl.length < 2) {
          const afterComma = this.peekNonSpace().type;
          if (
            afterComma === ItemType.Variable ||
            afterComma === ItemType.RightDelim ||
            afterComma === ItemType.RightParen
          ) {
            continue;
          }
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      // Not a declaration: the variable starts the first command.
      this.index = variableIndex;
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.type) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case ItemType.Bool:
        case ItemType.CharConstant:
        case ItemType.Complex:
        case ItemType.Dot:
        case ItemType.Field:
        case ItemType.Identifier:
        case ItemType.Number:
        case ItemType.Nil:
        case ItemType.RawString:
        case ItemType.String:
        case ItemType.Variable:
        case ItemType.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((command, i) => {
      const kind = command.args[0]?.kind;
      if (kind === 'bool' || kind === 'dot' || kind === 'nil' || kind === 'number' || kind === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private branchControl(kind: BranchNode['kind'], allowElseChain: boolean): BranchNode {
    const varCount = this.vars.length;
    try {
      const pipe = this.pipeline(kind, ItemType.RightDelim);
      if (kind === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (kind === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.kind === 'else') {
        const chained = this.peek().type;
        // `{{else if}}` (and Go 1.23's `{{else with}}`) nest a branch in the else list.
        if (allowElseChain && chained === (kind === 'if' ? ItemType.If : ItemType.With)) {
          this.next();
          elseList = this.list(next.pos);
          elseList.nodes.push(this.branchControl(kind, true));
        } else {
          const [list2, end] = this.itemList();
          if (end.kind !== 'end') this.errorf(`expected end; found ${nodeString(end)}`);
          elseList = list2;
        }
      }
      return { kind, pos: pipe.pos, line: pipe.line, source: this.source, pipe, list, elseList };
    } finally {
      this.vars.length = varCount;
    }
  }

  private elseControl(): ElseNode {
    const peeked = this.peekNonSpace();
    if (peeked.type === ItemType.If || peeked.type === ItemType.With) {
      return { kind: 'else', pos: peeked.pos, line: peeked.line, source: this.source };
    }
    const token = this.expect(ItemType.RightDelim, 'else');
    return { kind: 'else', pos: token.pos, line: token.line, source: this.source };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, ItemType.RightDelim);
    const savedVars = this.vars;
    const savedRangeDepth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.vars = savedVars;
    this.rangeDepth = savedRangeDepth;
    this.add(name, list);
    return { kind: 'template', pos: token.pos, line: token.line, source: this.source, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().type !== ItemType.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, ItemType.RightDelim);
    }
    return { kind: 'template', pos: token.pos, line: token.line, source: this.source, name, pipe };
  }

  private templateName(token: Item, context: string): string {
    if (token.type === ItemType.String || token.type === ItemType.RawString) return this.unquote(token.value);
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const command: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, source: this.source, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) command.args.push(operand);
      const token = this.next();
      if (token.type === ItemType.Space) continue;
      if (token.type === ItemType.RightDelim || token.type === ItemType.RightParen) this.backup();
      else if (token.type !== ItemType.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (command.args.length === 0) this.errorf('empty command');
    return command;
  }

  private operand(): Node | null {
    const node = this.term();
    if (node === null) return null;
    if (this.peek().type !== ItemType.Field) return node;
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === ItemType.Field) fields.push(this.next().value.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos: chainPos, source: this.source, ident: [...node.ident, ...fields] };
      case 'variable':
        return { kind: 'variable', pos: chainPos, source: this.source, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      // falls through: errorf never returns
      default:
        return { kind: 'chain', pos: chainPos, source: this.source, node, fields };
    }
  }

  private term(): Node | null {
    const token = this.nextNonSpace();
    const base = { pos: token.pos, source: this.source };
    switch (token.type) {
      case ItemType.Identifier:
        if (!this.options.hasFunction(token.value)) this.errorf(`function ${goQuote(token.value)} not defined`);
        return { kind: 'identifier', ...base, ident: token.value };
      case ItemType.Dot:
        return { kind: 'dot', ...base };
      case ItemType.Nil:
        return { kind: 'nil', ...base };
      case ItemType.Variable:
        return this.useVar(token.pos, token.value);
      case ItemType.Field:
        return { kind: 'field', ...base, ident: [token.value.slice(1)] };
      case ItemType.Bool:
        return { kind: 'bool', ...base, value: token.value === 'true' };
      case ItemType.CharConstant:
      case ItemType.Complex:
      case ItemType.Number:
        return this.numberNode(token);
      case ItemType.LeftParen:
        return this.pipeline('parenthesized pipeline', ItemType.RightParen);
      case ItemType.String:
      case ItemType.RawString:
        return { kind: 'string', ...base, quoted: token.value, text: this.unquote(token.value) };
    }
    this.backup();
    return null;
  }

  private unquote(quoted: string): string {
    try {
      return unquoteString(quoted);
    } catch (error) {
      if (error instanceof LiteralError) this.errorf(error.message);
      throw error;
    }
  }

  private numberNode(token: Item): NumberNode {
    const text = token.value;
    const node: NumberNode = {
      kind: 'number',
      pos: token.pos,
      source: this.source,
      text,
      isInt: false,
      isFloat: false,
      isComplex: false,
      isUint: false,
      int: 0n,
      float: 0,
    };
    if (token.type === ItemType.CharConstant) {
      let code: number;
      try {
        code = unquoteChar(text);
      } catch (error) {
        if (error instanceof LiteralError) this.errorf(error.message);
        throw error;
      }
      return { ...node, isInt: true, isUint: true, isFloat: true, int: BigInt(code), float: code };
    }
    if (token.type === ItemType.Complex || text.endsWith('i')) {
      this.errorf(`complex number constants are not supported: ${text}`);
    }
    const integer = parseGoInteger(text);
    if (integer !== null && fitsUint64(integer)) node.isUint = true;
    if (integer !== null && fitsInt64(integer)) {
      node.isInt = true;
      node.int = integer;
    }
    if (node.isInt || node.isUint) {
      node.isFloat = true;
      node.float = Number(integer);
      if (node.isUint && !node.isInt) node.int = integer!;
    } else {
      const float = parseGoFloat(text);
      if (float !== null) {
        if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${goQuote(text)}`);
        node.isFloat = true;
        node.float = float;
        if (Number.isInteger(float) && Math.abs(float) < 2 ** 63) {
          node.isInt = true;
          node.int = BigInt(float);
          if (float >= 0) node.isUint = true;
        }
      }
    }
    if (!node.isInt && !node.isUint && !node.isFloat) this.errorf(`illegal number syntax: ${goQuote(text)}`);
    return node;
  }

  private variableNode(pos: number, name: string): VariableNode {
    return { kind: 'variable', pos, source: this.source, ident: name.split('.') };
  }

  private useVar(pos: number, name: string): VariableNode {
    const node = this.variableNode(pos, name);
    if (!this.vars.includes(node.ident[0]!)) this.errorf(`undefined variable ${goQuote(node.ident[0]!)}`);
    return node;
  }
}
