// Named errors with codes a user can search for. Syntax errors carry the line, column and the
// offending token; evaluation errors carry the source text of the sub-expression that failed.

export type NotifyExprErrorCode =
  'NOTIFY_EXPR_SYNTAX' | 'NOTIFY_EXPR_EVAL' | 'NOTIFY_EXPR_BUDGET' | 'NOTIFY_TRIGGER_CONFIG' | 'NOTIFY_TRIGGER_UNKNOWN';

export interface SourcePosition {
  /** 0-based offset into the expression source. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units. */
  column: number;
}

export function positionOf(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < source.length; index += 1) {
    if (source.charCodeAt(index) === 10) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

export abstract class NotifyExprError extends Error {
  abstract readonly code: NotifyExprErrorCode;
}

/** The expression does not parse. */
export class ExprSyntaxError extends NotifyExprError {
  readonly code = 'NOTIFY_EXPR_SYNTAX';
  constructor(
    readonly reason: string,
    readonly position: SourcePosition,
    /** The token at the error, or `end of input`. */
    readonly token: string,
  ) {
    super(`${reason} at line ${position.line}, column ${position.column} (near ${token})`);
    this.name = 'ExprSyntaxError';
  }
}

/** The expression parsed but failed while evaluating. */
export class ExprEvalError extends NotifyExprError {
  readonly code = 'NOTIFY_EXPR_EVAL';
  constructor(
    readonly reason: string,
    /** Source text of the sub-expression that failed. */
    readonly expression: string,
    readonly position: SourcePosition,
  ) {
    super(`${reason} (in \`${expression}\` at line ${position.line}, column ${position.column})`);
    this.name = 'ExprEvalError';
  }
}

/** Evaluation ran out of its step or allocation budget: the expression is too costly or does not end. */
export class ExprBudgetError extends NotifyExprError {
  readonly code = 'NOTIFY_EXPR_BUDGET';
  constructor(
    readonly reason: string,
    readonly expression: string,
    readonly position: SourcePosition,
  ) {
    super(`${reason} (in \`${expression}\` at line ${position.line}, column ${position.column})`);
    this.name = 'ExprBudgetError';
  }
}

/** A `trigger.<name>` entry of argocd-notifications-cm is malformed. */
export class TriggerConfigError extends NotifyExprError {
  readonly code = 'NOTIFY_TRIGGER_CONFIG';
  constructor(
    readonly trigger: string,
    reason: string,
  ) {
    super(`trigger.${trigger}: ${reason}`);
    this.name = 'TriggerConfigError';
  }
}

/** A subscription names a trigger that argocd-notifications-cm does not define. */
export class UnknownTriggerError extends NotifyExprError {
  readonly code = 'NOTIFY_TRIGGER_UNKNOWN';
  constructor(readonly trigger: string) {
    super(`trigger '${trigger}' is not configured: add trigger.${trigger} to argocd-notifications-cm`);
    this.name = 'UnknownTriggerError';
  }
}
