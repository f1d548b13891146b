// Property tests: whatever the input, the parser and the interpreter fail only with their named
// errors (never a TypeError, RangeError or hang), within the budget.
import fc from 'fast-check';
import { compileExpression, createNotificationEnv, ExprSyntaxError, NotifyExprError, parseExpression } from './index';

const TOKENS = [
  'app',
  '.',
  '?.',
  'status',
  'metadata',
  'name',
  '[',
  ']',
  '(',
  ')',
  '{',
  '}',
  ',',
  ':',
  '?',
  '??',
  '..',
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '==',
  '!=',
  '<',
  '>=',
  'and',
  'or',
  'not',
  '!',
  'in',
  'matches',
  'contains',
  'all',
  'filter',
  'map',
  'len',
  '#',
  '#index',
  '|',
  'let',
  'x',
  '=',
  ';',
  '1',
  '0',
  '2.5',
  '"a"',
  "'(b'",
  'nil',
  'true',
  'time',
  'Now',
  'Parse',
  'Sub',
  'strings',
  'ToUpper',
  'repo',
  '1..99999',
  '`raw`',
  '__proto__',
];

const env = createNotificationEnv({
  app: { metadata: { name: 'guestbook' }, status: { sync: { status: 'Synced' }, items: [1, 2, 3] } },
  clock: () => new Date('2026-11-25T18:10:00Z'),
});

function check(source: string): void {
  let compiled;
  try {
    compiled = compileExpression(source);
  } catch (error) {
    if (!(error instanceof ExprSyntaxError)) throw error;
    return;
  }
  try {
    compiled.evaluate(env, { budget: { maxSteps: 5_000, maxAllocation: 50_000 } });
  } catch (error) {
    if (!(error instanceof NotifyExprError)) throw error;
  }
}

test('token soup only ever fails with named errors', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }), (tokens) => check(tokens.join(' '))),
    { numRuns: 1500 },
  );
});

test('arbitrary text only ever fails with named errors', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (text) => check(text)),
    { numRuns: 1000 },
  );
});

const BINARY = [
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '==',
  '!=',
  '<',
  '>=',
  'and',
  'or',
  '&&',
  '||',
  'in',
  'not in',
  'matches',
  'contains',
  'startsWith',
  '??',
  '..',
];

const { expression } = fc.letrec((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(
      'app',
      'app.metadata.name',
      'app.status.items',
      'nil',
      '1',
      '-3',
      '2.5',
      '"a"',
      "'^g'",
      'true',
      'time.Now()',
      'x',
    ),
    fc
      .tuple(tie('expression'), fc.constantFrom(...BINARY), tie('expression'))
      .map(([a, op, b]) => `(${String(a)} ${op} ${String(b)})`),
    fc.tuple(fc.constantFrom('not ', '-', '!'), tie('expression')).map(([op, a]) => `${op}(${String(a)})`),
    fc
      .tuple(tie('expression'), fc.constantFrom('.name', '?.status', '[0]', '[1:2]', '?.[0]'))
      .map(([a, suffix]) => `(${String(a)})${suffix}`),
    fc
      .tuple(fc.constantFrom('all', 'filter', 'map', 'count', 'any', 'none'), tie('expression'), tie('expression'))
      .map(([name, a, b]) => `${name}(${String(a)}, {${String(b)} == #})`),
    fc
      .tuple(fc.constantFrom('len', 'string', 'type', 'upper', 'first'), tie('expression'))
      .map(([name, a]) => `${name}(${String(a)})`),
    fc
      .tuple(tie('expression'), tie('expression'), tie('expression'))
      .map(([a, b, c]) => `(${String(a)} ? ${String(b)} : ${String(c)})`),
    fc.array(tie('expression'), { maxLength: 3 }).map((items) => `[${items.map(String).join(', ')}]`),
    fc.tuple(tie('expression'), tie('expression')).map(([a, b]) => `(let x = ${String(a)}; ${String(b)})`),
  ),
}));

test('grammatical expressions always parse, and evaluate or fail with named errors', () => {
  fc.assert(
    fc.property(expression, (source) => {
      expect(() => parseExpression(String(source))).not.toThrow();
      check(String(source));
    }),
    { numRuns: 1500 },
  );
});
