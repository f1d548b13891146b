// Syntax tree of an expr-lang expression. Every node keeps its source span so evaluation errors can
// quote the sub-expression that failed.

interface Span {
  start: number;
  end: number;
}

export type ExprNode =
  | ({ type: 'literal'; value: null | boolean | number | string; isFloat?: boolean } & Span)
  | ({ type: 'identifier'; name: string } & Span)
  /** `#`, `#index`, `#acc` inside a predicate. */
  | ({ type: 'pointer'; name: string } & Span)
  | ({ type: 'member'; object: ExprNode; property: ExprNode; optional: boolean } & Span)
  | ({ type: 'slice'; object: ExprNode; from?: ExprNode; to?: ExprNode } & Span)
  | ({ type: 'call'; callee: ExprNode; args: ExprNode[] } & Span)
  /** A built-in that takes a predicate: `all(xs, {# > 1})`. */
  | ({ type: 'predicate-call'; name: PredicateBuiltin; args: ExprNode[]; predicate: ExprNode } & Span)
  | ({ type: 'unary'; operator: '!' | '-' | '+'; operand: ExprNode } & Span)
  | ({ type: 'binary'; operator: BinaryOperator; left: ExprNode; right: ExprNode; negated: boolean } & Span)
  | ({ type: 'conditional'; test: ExprNode; consequent: ExprNode; alternate: ExprNode } & Span)
  | ({ type: 'array'; elements: ExprNode[] } & Span)
  | ({ type: 'map'; entries: { key: ExprNode; value: ExprNode }[] } & Span)
  /** Root of a member chain containing `?.`: a nil short-circuit anywhere in it yields nil. */
  | ({ type: 'chain'; expression: ExprNode } & Span)
  | ({ type: 'let'; name: string; value: ExprNode; body: ExprNode } & Span);

export type BinaryOperator =
  | 'or'
  | 'and'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | 'matches'
  | 'contains'
  | 'startsWith'
  | 'endsWith'
  | '..'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '**'
  | '??';

export const PREDICATE_BUILTINS = [
  'all',
  'any',
  'none',
  'one',
  'filter',
  'map',
  'count',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'groupBy',
  'reduce',
] as const;

export type PredicateBuiltin = (typeof PREDICATE_BUILTINS)[number];

export function isPredicateBuiltin(name: string): name is PredicateBuiltin {
  return (PREDICATE_BUILTINS as readonly string[]).includes(name);
}
