// Bounds the depth of a parsed tree: left-leaning chains such as `a.b.c…` or `1+1+1…` parse
// without recursion but would be evaluated recursively.
import type { ExprNode } from './ast';
import { ExprSyntaxError, positionOf } from './errors';

export function children(node: ExprNode): ExprNode[] {
  switch (node.type) {
    case 'literal':
    case 'identifier':
    case 'pointer':
      return [];
    case 'member':
      return [node.object, node.property];
    case 'slice':
      return [node.object, ...(node.from ? [node.from] : []), ...(node.to ? [node.to] : [])];
    case 'call':
      return [node.callee, ...node.args];
    case 'predicate-call':
      return [...node.args, node.predicate];
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
    case 'array':
      return node.elements;
    case 'map':
      return node.entries.flatMap((entry) => [entry.key, entry.value]);
    case 'chain':
      return [node.expression];
    case 'let':
      return [node.value, node.body];
  }
}

/** Iterative depth check, so a pathological tree cannot overflow the stack while being measured. */
export function checkTreeDepth(source: string, root: ExprNode, maxTreeDepth: number): void {
  const stack: [ExprNode, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxTreeDepth) {
      throw new ExprSyntaxError(
        `expression is nested more than ${maxTreeDepth} levels deep; split it up`,
        positionOf(source, node.start),
        source.slice(node.start, Math.min(node.end, node.start + 12)),
      );
    }
    for (const child of children(node)) stack.push([child, depth + 1]);
  }
}
