// Tree-walking executor following text/template/exec.go: the same evaluation
// order, argument typing, missing-key handling and error texts. Limits on
// depth, steps, range turns and output keep a hostile template bounded.
import { goQuote } from '../values/quote';
import type {
  BranchNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  VariableNode,
  ChainNode,
} from '../parse/nodes';
import { nodeString } from '../parse/nodes';
import { formatValue } from '../values/format';
import {
  elementTypeName,
  GoStruct,
  goTypeName,
  integerValue,
  isGoFunction,
  isPlainMap,
  isTrue,
  own,
  sortedKeys,
  TypedInt,
  type GoFunction,
} from '../values/types';
import { TemplateError } from '../errors';
import { assignValue, AssignmentError, canBeNil, typedConstant, zeroValue } from './assignment';
import { Budget } from './budget';
import { ExecError, LimitError } from './errors';
import {
  GoError,
  type CallContext,
  type FuncMap,
  type Limits,
  type MissingKey,
  type TemplateFunction,
} from './function';

/** Marks "no final argument" in a pipeline stage (Go's missingVal). */
const MISSING = Symbol('missing');
type Final = unknown;

interface Dot {
  value: unknown;
  /** Static Go type of dot, used in "can't evaluate field" messages. */
  type: string;
}

const enum Flow {
  Normal,
  Break,
  Continue,
}

export { Budget };

export interface ExecutionHost {
  readonly trees: ReadonlyMap<string, ListNode>;
  lookupFunction(name: string): TemplateFunction | undefined;
  readonly limits: Limits;
  readonly missingKey: MissingKey;
  /** Runs `text` parsed into a clone of this set (Helm's tpl). */
  executeText(name: string, text: string, data: unknown, missingKey: MissingKey, extraFuncs?: FuncMap): string;
}

interface Variable {
  name: string;
  value: unknown;
}

export class Executor implements CallContext {
  private node: Node | null = null;
  private vars: Variable[];
  constructor(
    private readonly host: ExecutionHost,
    readonly templateName: string,
    private readonly budget: Budget,
    private readonly depth: number,
    root: unknown,
    /** Output buffer; {{template}} calls write straight into their caller's. */
    private readonly chunks: string[] = [],
  ) {
    this.vars = [{ name: '$', value: root }];
  }

  get missingKey(): MissingKey {
    return this.host.missingKey;
  }
  get limits(): Limits {
    return this.host.limits;
  }
  get trees(): ReadonlyMap<string, ListNode> {
    return this.host.trees;
  }

  /** Executes `tree` with `data` as dot and returns the output. */
  run(tree: ListNode, data: unknown): string {
    this.walkTree(tree, data);
    return this.chunks.join('');
  }

  /** Walks a whole template, placing a limit error at the action that hit it. */
  private walkTree(tree: ListNode, data: unknown): void {
    try {
      this.walk({ value: data, type: goTypeName(data) }, tree);
    } catch (error) {
      throw error instanceof LimitError ? error.placeAt(this.node, this.templateName) : error;
    }
  }

  // --- CallContext for functions ---

  executeTemplate(name: string, data: unknown, ownerName = this.templateName): string {
    if (this.depth >= this.host.limits.maxTemplateDepth) {
      throw new LimitError(`exceeded maximum template depth (${this.host.limits.maxTemplateDepth})`);
    }
    const tree = this.host.trees.get(name);
    if (tree === undefined) {
      throw new GoError(`template: no template ${goQuote(name)} associated with template ${goQuote(ownerName)}`);
    }
    const child = new Executor(this.host, name, this.budget, this.depth + 1, normalizeRoot(data));
    return child.run(tree, normalizeRoot(data));
  }

  executeText(name: string, text: string, data: unknown, missingKey: MissingKey, extraFuncs?: FuncMap): string {
    return this.host.executeText(name, text, data, missingKey, extraFuncs);
  }

  charge(units: number): void {
    this.budget.turns(units);
  }

  // --- errors ---

  private at(node: Node): void {
    this.node = node;
  }

  private errorf(message: string): never {
    throw ExecError.at(this.node, this.templateName, message);
  }

  private write(text: string): void {
    if (text.length === 0) return;
    this.budget.grow(text.length);
    this.chunks.push(text);
  }

  // --- variables ---

  private mark(): number {
    return this.vars.length;
  }
  private pop(mark: number): void {
    this.vars.length = mark;
  }
  private push(name: string, value: unknown): void {
    this.vars.push({ name, value });
  }
  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: unknown): void {
    this.vars[this.vars.length - n]!.value = value;
  }
  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // --- walking ---

  private walk(dot: Dot, node: Node): Flow {
    this.at(node);
    this.budget.step();
    switch (node.kind) {
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value);
        return Flow.Normal;
      }
      case 'break':
        return Flow.Break;
      case 'continue':
        return Flow.Continue;
      case 'comment':
        return Flow.Normal;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'list':
        for (const child of node.nodes) {
          const flow = this.walk(dot, child);
          if (flow !== Flow.Normal) return flow;
        }
        return Flow.Normal;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        this.walkTemplate(dot, node);
        return Flow.Normal;
      case 'text':
        this.write(node.text);
        return Flow.Normal;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(dot: Dot, node: BranchNode): Flow {
    const mark = this.mark();
    try {
      const value = this.evalPipeline(dot, node.pipe);
      if (isTrue(value)) {
        if (node.kind === 'with') return this.walk({ value, type: goTypeName(value) }, node.list);
        return this.walk(dot, node.list);
      }
      if (node.elseList !== null) return this.walk(dot, node.elseList);
      return Flow.Normal;
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: Dot, node: BranchNode): Flow {
    this.at(node);
    const outerMark = this.mark();
    try {
      const value = this.evalPipeline(dot, node.pipe);
      const mark = this.mark();
      const declared = node.pipe.decl.length;
      // Returns true when the loop must stop ({{break}}).
      const iterate = (index: unknown, element: unknown, elementType: string): boolean => {
        this.budget.turns(1);
        if (declared > 0) this.setTopVar(1, element);
        if (declared > 1) this.setTopVar(2, index);
        const flow = this.walk({ value: element, type: elementType }, node.list);
        this.pop(mark);
        return flow === Flow.Break;
      };
      let ran = false;
      if (Array.isArray(value)) {
        const elementType = elementTypeName(value);
        ran = value.length > 0;
        for (let i = 0; i < value.length; i++) if (iterate(BigInt(i), value[i], elementType)) break;
      } else if (isPlainMap(value)) {
        const keys = sortedKeys(value);
        const elementType = elementTypeName(value);
        ran = keys.length > 0;
        for (const key of keys) if (iterate(key, value[key], elementType)) break;
      } else if (integerValue(value) !== undefined) {
        // Go 1.22 ranges over integers: 0 .. n-1.
        const count = integerValue(value)!;
        if (declared > 1) this.errorf(`can't use ${formatValue(value)} to iterate over more than one variable`);
        ran = count > 0n;
        const type = goTypeName(value);
        for (let i = 0n; i < count; i++) {
          const element = value instanceof TypedInt ? new TypedInt(value.type, i) : i;
          if (iterate(element, element, type)) break;
        }
      } else if (value instanceof Uint8Array) {
        ran = value.length > 0;
        for (let i = 0; i < value.length; i++)
          if (iterate(BigInt(i), new TypedInt('uint8', BigInt(value[i]!)), 'uint8')) break;
      } else if (value !== undefined && value !== null) {
        this.errorf(`range can't iterate over ${formatValue(value)}`);
      }
      if (!ran && node.elseList !== null) return this.walk(dot, node.elseList);
      return Flow.Normal;
    } finally {
      this.pop(outerMark);
    }
  }

  private walkTemplate(dot: Dot, node: TemplateNode): void {
    this.at(node);
    const tree = this.host.trees.get(node.name);
    if (tree === undefined) this.errorf(`template ${goQuote(node.name)} not defined`);
    if (this.depth >= this.host.limits.maxTemplateDepth) {
      this.errorf(`exceeded maximum template depth (${this.host.limits.maxTemplateDepth})`);
    }
    const value = node.pipe === null ? undefined : this.evalPipeline(dot, node.pipe);
    const child = new Executor(this.host, node.name, this.budget, this.depth + 1, value, this.chunks);
    child.walkTree(tree, value);
  }

  // --- pipelines and commands ---

  private evalPipeline(dot: Dot, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: unknown = MISSING;
    for (const command of pipe.cmds) {
      value = this.evalCommand(dot, command, value);
      // A nil interface{} result is no value at all (reflect.ValueOf(nil)).
      if (value === null) value = undefined;
    }
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0]!, value);
      else this.push(variable.ident[0]!, value);
    }
    return value;
  }

  private notAFunction(args: readonly Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING)
      this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: Dot, command: CommandNode, final: Final): unknown {
    this.budget.step();
    const first = command.args[0]!;
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, first, command.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, command.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, command, command.args, final);
      case 'pipe':
        this.notAFunction(command.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, command.args, final);
    }
    this.at(first);
    this.notAFunction(command.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot.value;
      case 'nil':
        this.errorf('nil is not a command');
      // falls through: errorf never returns
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  private idealConstant(constant: NumberNode): unknown {
    this.at(constant);
    const text = constant.text;
    const isHexInt = /^[+-]?0[xX]/.test(text) && !/[pP]/.test(text);
    if (constant.isFloat && !isHexInt && !text.startsWith("'") && /[.eEpP]/.test(text)) return constant.float;
    if (constant.isInt) return constant.int;
    if (constant.isUint) this.errorf(`${text} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: Dot, field: FieldNode, args: readonly Node[], final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot.value, dot.type, field, field.ident, args, final);
  }

  private evalChainNode(dot: Dot, chain: ChainNode, args: readonly Node[], final: Final): unknown {
    this.at(chain);
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const head = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, head, goTypeName(head), chain, chain.fields, args, final);
  }

  private evalVariableNode(dot: Dot, variable: VariableNode, args: readonly Node[], final: Final): unknown {
    this.at(variable);
    const value = this.varValue(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, goTypeName(value), variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: Dot,
    receiver: unknown,
    receiverType: string,
    node: Node,
    idents: readonly string[],
    args: readonly Node[],
    final: Final,
  ): unknown {
    let current = receiver;
    let currentType = receiverType;
    for (let i = 0; i < idents.length - 1; i++) {
      [current, currentType] = this.evalField(dot, idents[i]!, node, [], MISSING, current, currentType);
    }
    return this.evalField(dot, idents[idents.length - 1]!, node, args, final, current, currentType)[0];
  }

  private evalField(
    dot: Dot,
    fieldName: string,
    node: Node,
    args: readonly Node[],
    final: Final,
    receiver: unknown,
    receiverType: string,
  ): [unknown, string] {
    if (receiver === undefined) {
      if (this.host.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return [undefined, 'interface {}'];
    }
    if (receiver === null) this.errorf(`nil pointer evaluating ${receiverType}.${fieldName}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (receiver instanceof GoStruct) {
      const method = own(receiver.methods, fieldName);
      if (method !== undefined) {
        const result = this.evalCall(dot, functionOf(method), false, node, fieldName, args, final);
        return [result, goTypeName(result)];
      }
      if (Object.hasOwn(receiver.fields, fieldName)) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        const value = receiver.fields[fieldName];
        return [value, goTypeName(value)];
      }
      this.errorf(`can't evaluate field ${fieldName} in type ${receiverType}`);
    }
    if (isPlainMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const elementType = elementTypeName(receiver);
      if (Object.hasOwn(receiver, fieldName)) return [receiver[fieldName], elementType];
      switch (this.host.missingKey) {
        case 'default':
          return [undefined, elementType];
        case 'zero':
          return [zeroValue(elementType), elementType];
        case 'error':
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${receiverType}`);
  }

  private evalFunction(dot: Dot, node: IdentifierNode, command: Node, args: readonly Node[], final: Final): unknown {
    this.at(node);
    const name = node.ident;
    const fn = this.host.lookupFunction(name);
    if (fn === undefined) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(
      dot,
      fn,
      BUILTIN_SHORT_CIRCUIT.has(name) && fn === own(shortCircuit, name),
      command,
      name,
      args,
      final,
    );
  }

  private evalCall(
    dot: Dot,
    fn: TemplateFunction,
    isShortCircuit: boolean,
    node: Node,
    name: string,
    args: readonly Node[],
    final: Final,
  ): unknown {
    const argNodes = args.slice(1);
    const { params, variadic } = fn.signature;
    const numIn = argNodes.length + (final !== MISSING ? 1 : 0);
    let numFixed = argNodes.length;
    if (variadic !== undefined) {
      numFixed = params.length;
      if (numIn < numFixed) {
        this.errorf(`wrong number of args for ${name}: want at least ${params.length} got ${argNodes.length}`);
      }
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }
    if (isShortCircuit) {
      // and/or evaluate lazily and return the deciding argument itself.
      let value: unknown = undefined;
      for (const argNode of argNodes) {
        value = this.evalArg(dot, 'reflect.Value', argNode);
        if (isTrue(value) === (name === 'or')) return value;
      }
      if (final !== MISSING) value = this.validateType(final, 'reflect.Value');
      return value;
    }
    const argv: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < argNodes.length; i++) argv.push(this.evalArg(dot, params[i]!, argNodes[i]!));
    if (variadic !== undefined) for (; i < argNodes.length; i++) argv.push(this.evalArg(dot, variadic, argNodes[i]!));
    if (final !== MISSING) {
      let type = params[params.length - 1] ?? 'interface {}';
      if (variadic !== undefined) type = numIn - 1 < numFixed ? params[numIn - 1]! : variadic;
      argv.push(this.validateType(final, type));
    }
    // Work on long strings (hashing, regexes, replacing) costs in proportion to their size.
    for (const arg of argv) if (typeof arg === 'string' && arg.length > 4096) this.budget.step(arg.length >> 6);
    let result: unknown;
    try {
      result = fn.call(argv, this);
    } catch (error) {
      if (error instanceof LimitError || error instanceof RangeError) throw error;
      if (error instanceof TemplateError && error.code === 'TEMPLATE_LIMIT_EXCEEDED') throw error;
      this.at(node);
      const message = error instanceof Error ? error.message : String(error);
      this.errorf(`error calling ${name}: ${message}`);
    }
    if (typeof result === 'string' && result.length > this.host.limits.maxOutputLength) {
      throw new LimitError(`result of ${name} exceeded ${this.host.limits.maxOutputLength} characters`);
    }
    return result;
  }

  // --- arguments ---

  private validateType(value: unknown, type: string | null): unknown {
    try {
      return assignValue(value, type);
    } catch (error) {
      if (error instanceof AssignmentError) this.errorf(error.message);
      throw error;
    }
  }

  private evalArg(dot: Dot, type: string | null, node: Node): unknown {
    this.at(node);
    switch (node.kind) {
      case 'dot':
        return this.validateType(dot.value, type);
      case 'nil':
        if (type !== null && canBeNil(type)) return type === 'reflect.Value' ? undefined : null;
        this.errorf(`cannot assign nil to ${type}`);
      // falls through: errorf never returns
      case 'field':
        return this.validateType(this.evalFieldNode(dot, node, [node], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, node, [], MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, node), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, node, node, [], MISSING), type);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, node, [], MISSING), type);
    }
    if (type === 'interface {}' || type === 'reflect.Value') return this.evalEmptyInterface(node);
    try {
      return typedConstant(node, type);
    } catch (error) {
      if (error instanceof AssignmentError) this.errorf(error.message);
      throw error;
    }
  }

  private evalEmptyInterface(node: Node): unknown {
    this.at(node);
    switch (node.kind) {
      case 'bool':
        return node.value;
      case 'number':
        return this.idealConstant(node);
      case 'string':
        return node.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(node)} to empty interface argument`);
  }

  private printValue(node: Node, value: unknown): void {
    this.at(node);
    if (value === undefined || value === null) {
      this.write('<no value>');
      return;
    }
    if (isGoFunction(value)) this.errorf(`can't print ${nodeString(node)} of type ${value.typeName}`);
    this.write(formatValue(value));
  }
}

const BUILTIN_SHORT_CIRCUIT = new Set(['and', 'or']);

/** The builtin and/or entries; evalCall short-circuits only these exact objects. */
export const shortCircuit: Record<string, TemplateFunction> = {
  and: { signature: { params: ['reflect.Value'], variadic: 'reflect.Value' }, call: () => undefined },
  or: { signature: { params: ['reflect.Value'], variadic: 'reflect.Value' }, call: () => undefined },
};

function functionOf(method: GoFunction): TemplateFunction {
  return { signature: method.signature, call: (args) => method.invoke(args) };
}

export function normalizeRoot(data: unknown): unknown {
  return data === null ? undefined : data;
}
