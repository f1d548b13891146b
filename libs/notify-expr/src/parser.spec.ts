import type { ExprNode } from './ast';
import { parseExpression } from './index';

/** Compact s-expression of a tree, to assert grouping without spans. */
function shape(node: ExprNode): string {
  switch (node.type) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'identifier':
    case 'pointer':
      return node.name;
    case 'member':
      return `(${node.optional ? '?.' : '.'} ${shape(node.object)} ${shape(node.property)})`;
    case 'slice':
      return `(slice ${shape(node.object)} ${node.from ? shape(node.from) : '_'} ${node.to ? shape(node.to) : '_'})`;
    case 'call':
      return `(call ${[node.callee, ...node.args].map(shape).join(' ')})`;
    case 'predicate-call':
      return `(${node.name} ${node.args.map(shape).join(' ')} {${shape(node.predicate)}})`;
    case 'unary':
      return `(${node.operator} ${shape(node.operand)})`;
    case 'binary':
      return `(${node.negated ? 'not ' : ''}${node.operator} ${shape(node.left)} ${shape(node.right)})`;
    case 'conditional':
      return `(?: ${shape(node.test)} ${shape(node.consequent)} ${shape(node.alternate)})`;
    case 'array':
      return `[${node.elements.map(shape).join(' ')}]`;
    case 'map':
      return `{${node.entries.map((entry) => `${shape(entry.key)}:${shape(entry.value)}`).join(' ')}}`;
    case 'chain':
      return `(chain ${shape(node.expression)})`;
    case 'let':
      return `(let ${node.name} ${shape(node.value)} ${shape(node.body)})`;
  }
}

test.each([
  ['a or b and c', '(or a (and b c))'],
  ['not a == b', '(== (! a) b)'],
  ['!a.b(c)', '(! (call (. a "b") c))'],
  ['-2 ** 2', '(- (** 2 2))'],
  ['2 ** 3 ** 2', '(** 2 (** 3 2))'],
  ['a ?? b + 1', '(+ (?? a b) 1)'],
  ['1..3', '(.. 1 3)'],
  ['x not in [1, 2]', '(not in x [1 2])'],
  ['s not matches "^a"', '(not matches s "^a")'],
  ['a ? .5 : 1', '(?: a 0.5 1)'],
  ['a ? b : c ? d : e', '(?: a b (?: c d e))'],
  ['a?.b.c', '(chain (. (?. a "b") "c"))'],
  ['a?.[0]', '(chain (?. a 0))'],
  ['xs[1:]', '(slice xs 1 _)'],
  ['filter(xs, .ok)', '(filter xs {(. # "ok")})'],
  ['xs | map(#.n) | len()', '(call len (map xs {(. # "n")}))'],
  ['count(xs)', '(count xs {#})'],
  ['let y = 1; y', '(let y 1 y)'],
])('%s', (source, expected) => {
  expect(shape(parseExpression(source))).toBe(expected);
});
