// A set of named templates sharing one function map, like Go's *template.Template
// with its associated templates: parse text into it, then execute any name.
import { own } from './values/types';
import { Budget, Executor, normalizeRoot, type ExecutionHost } from './exec/executor';
import { ExecError, LimitError } from './exec/errors';
import { defaultLimits, type FuncMap, type Limits, type MissingKey, type TemplateFunction } from './exec/function';
import { builtinFuncs } from './funcs/builtins';
import { goQuote } from './values/quote';
import { isEmptyTree, type ListNode } from './parse/nodes';
import { ParseError, parseTemplate } from './parse/parser';
import { TemplateError } from './errors';

export interface TemplateSetOptions {
  funcs?: FuncMap;
  missingKey?: MissingKey;
  limits?: Partial<Limits>;
}

export class TemplateSet implements ExecutionHost {
  readonly trees = new Map<string, ListNode>();
  readonly funcs: FuncMap;
  readonly missingKey: MissingKey;
  readonly limits: Limits;

  constructor(options: TemplateSetOptions = {}) {
    this.funcs = options.funcs ?? {};
    this.missingKey = options.missingKey ?? 'default';
    this.limits = { ...defaultLimits, ...options.limits };
  }

  lookupFunction(name: string): TemplateFunction | undefined {
    return own(this.funcs, name) ?? own(builtinFuncs, name);
  }

  /** Parses `text` as template `name` (plus its defines) into this set; throws TemplateError. */
  parse(name: string, text: string): this {
    if (text.length > this.limits.maxTemplateLength) {
      throw new TemplateError(
        `template: ${name}: template text of ${text.length} characters exceeds the limit of ${this.limits.maxTemplateLength}`,
        'TEMPLATE_LIMIT_EXCEEDED',
        name,
        null,
        null,
      );
    }
    let trees: Map<string, ListNode>;
    try {
      trees = parseTemplate(text, { name, hasFunction: (fn) => this.lookupFunction(fn) !== undefined });
    } catch (error) {
      if (error instanceof ParseError) {
        throw new TemplateError(error.message, 'TEMPLATE_PARSE_ERROR', error.parseName, error.line, null);
      }
      if (error instanceof RangeError) {
        throw new TemplateError(
          `template: ${name}: template nesting too deep to parse`,
          'TEMPLATE_LIMIT_EXCEEDED',
          name,
          null,
          null,
        );
      }
      throw error;
    }
    this.addTrees(trees);
    return this;
  }

  /** Adds parsed trees; like Go's associate, an empty tree never replaces a defined one. */
  addTrees(trees: ReadonlyMap<string, ListNode>): void {
    for (const [treeName, tree] of trees) {
      if (this.trees.has(treeName) && isEmptyTree(tree)) continue;
      this.trees.set(treeName, tree);
    }
  }

  clone(options: { missingKey?: MissingKey; funcs?: FuncMap } = {}): TemplateSet {
    const copy = new TemplateSet({
      funcs: options.funcs ?? this.funcs,
      missingKey: options.missingKey ?? this.missingKey,
      limits: this.limits,
    });
    copy.addTrees(this.trees);
    return copy;
  }

  /** Executes template `name` with `data` as dot; throws TemplateError. */
  execute(name: string, data: unknown): string {
    const tree = this.trees.get(name);
    if (tree === undefined) {
      throw new TemplateError(
        `template: no template ${goQuote(name)} associated with template ${goQuote(name)}`,
        'TEMPLATE_EXEC_ERROR',
        name,
        null,
        null,
      );
    }
    const budget = new Budget(this.limits);
    try {
      return new Executor(this, name, budget, 0, normalizeRoot(data)).run(tree, normalizeRoot(data));
    } catch (error) {
      throw toTemplateError(error, name);
    }
  }

  executeText(name: string, text: string, data: unknown, missingKey: MissingKey, extraFuncs?: FuncMap): string {
    const funcs = extraFuncs ? { ...this.funcs, ...extraFuncs } : this.funcs;
    const copy = this.clone({ missingKey, funcs });
    copy.parse(name, text);
    return copy.execute(name, data);
  }
}

export function toTemplateError(error: unknown, name: string): TemplateError {
  if (error instanceof TemplateError) return error;
  if (error instanceof ExecError) {
    const location = error.location;
    return new TemplateError(
      error.message,
      'TEMPLATE_EXEC_ERROR',
      location?.parseName ?? error.templateName,
      location?.line ?? null,
      location?.column ?? null,
    );
  }
  if (error instanceof LimitError) {
    const location = error.location;
    if (location === null) {
      return new TemplateError(`template: ${name}: ${error.message}`, 'TEMPLATE_LIMIT_EXCEEDED', name, null, null);
    }
    return new TemplateError(
      error.message,
      'TEMPLATE_LIMIT_EXCEEDED',
      location.parseName,
      location.line,
      location.column,
    );
  }
  if (error instanceof RangeError) {
    // The JavaScript engine's own ceilings: stack depth or string size.
    const reason = /call stack/i.test(error.message)
      ? 'template recursion too deep'
      : `resource limit exceeded: ${error.message}`;
    return new TemplateError(`template: ${name}: ${reason}`, 'TEMPLATE_LIMIT_EXCEEDED', name, null, null);
  }
  throw error;
}
