// How template functions are declared: a Go-like signature (parameter types
// decide how arguments are checked and converted, as reflect does in Go) and an
// implementation over the value model in values/types.ts.
import type { ListNode } from '../parse/nodes';
import type { Signature } from '../values/types';

export type MissingKey = 'default' | 'zero' | 'error';

export interface Limits {
  /** Largest output (in UTF-16 code units) a render may produce, also bounding single function results. */
  maxOutputLength: number;
  /** Deepest nesting of {{template}}/include calls. */
  maxTemplateDepth: number;
  /** Most range iterations (summed over the whole render), also bounding list sizes built by functions. */
  maxRangeIterations: number;
  /** Most evaluation steps (actions, commands, function calls) in one render. */
  maxSteps: number;
  /** Largest template text accepted by the parser. */
  maxTemplateLength: number;
}

export const defaultLimits: Limits = {
  maxOutputLength: 64 * 1024 * 1024,
  maxTemplateDepth: 400,
  maxRangeIterations: 1_000_000,
  maxSteps: 20_000_000,
  maxTemplateLength: 4 * 1024 * 1024,
};

/** What a function sees of the render that calls it. */
export interface CallContext {
  readonly missingKey: MissingKey;
  readonly limits: Limits;
  /** Name of the template being executed (Go's Template.Name()). */
  readonly templateName: string;
  /** Executes a named template of the current set into a string (Helm's include). */
  executeTemplate(name: string, data: unknown, ownerName?: string): string;
  /** Parses `text` into a copy of the current set under `name` and executes it (Helm's tpl). */
  executeText(name: string, text: string, data: unknown, missingKey: MissingKey, extraFuncs?: FuncMap): string;
  /** Counts work done by a function (list sizes, loop turns) against the limits. */
  charge(units: number): void;
  /** Trees of the current set (for functions that inspect templates). */
  readonly trees: ReadonlyMap<string, ListNode>;
}

export interface TemplateFunction {
  readonly signature: Signature;
  /** Arguments arrive converted to the parameter types; errors are thrown as GoError. */
  call(args: unknown[], context: CallContext): unknown;
}

export type FuncMap = Record<string, TemplateFunction>;

/** An error a Go function returns (reported as "error calling NAME: message"). */
export class GoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoError';
  }
}

/** Declares a function: `fn(['string', 'int'], (s, n) => ...)`. */
export function fn(
  params: readonly string[],
  impl: (args: unknown[], context: CallContext) => unknown,
  options: { variadic?: string; returnsError?: boolean } = {},
): TemplateFunction {
  const signature: Signature = { params };
  if (options.variadic !== undefined) signature.variadic = options.variadic;
  if (options.returnsError !== undefined) signature.returnsError = options.returnsError;
  return { signature, call: impl };
}
