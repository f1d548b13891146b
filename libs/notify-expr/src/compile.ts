// Parse once, evaluate many times: a compiled expression is immutable and safe to share.
import type { ExprNode } from './ast';
import { ExprSyntaxError, positionOf } from './errors';
import { DEFAULT_BUDGET, Interpreter, type EvalBudget } from './interpreter';
import { compilePattern } from './operators';
import { DEFAULT_PARSE_LIMITS, parseExpression, type ParseLimits } from './parser';
import { children } from './tree-depth';
import type { ExprMap, ExprValue } from './values';

export interface EvaluateOptions {
  /** Overrides parts of {@link DEFAULT_BUDGET} for this evaluation. */
  budget?: Partial<EvalBudget>;
}

export interface CompiledExpression {
  readonly source: string;
  readonly ast: ExprNode;
  /** Evaluates against `env`; throws ExprEvalError or ExprBudgetError. Runs synchronously. */
  evaluate(env: ExprMap, options?: EvaluateOptions): ExprValue;
}

/** Like expr, reject a constant `matches` pattern that is not a valid RE2 regexp at compile time. */
function checkConstantPatterns(source: string, root: ExprNode): void {
  const pending = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'binary' && node.operator === 'matches' && node.right.type === 'literal') {
      const pattern = node.right.value;
      const compiled = typeof pattern === 'string' ? compilePattern(pattern) : 'matches needs a string pattern';
      if (typeof compiled === 'string') {
        throw new ExprSyntaxError(
          compiled,
          positionOf(source, node.right.start),
          source.slice(node.right.start, node.right.end),
        );
      }
    }
    pending.push(...children(node));
  }
}

/** Parses `source` (expr-lang syntax); throws ExprSyntaxError with line, column and token. */
export function compileExpression(source: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): CompiledExpression {
  const ast = parseExpression(source, limits);
  checkConstantPatterns(source, ast);
  return {
    source,
    ast,
    evaluate(env, options = {}) {
      const budget = { ...DEFAULT_BUDGET, ...options.budget };
      return new Interpreter(source, env, budget).run(ast);
    },
  };
}

/** One-shot parse and evaluate. */
export function evaluateExpression(source: string, env: ExprMap, options: EvaluateOptions = {}): ExprValue {
  return compileExpression(source).evaluate(env, options);
}
