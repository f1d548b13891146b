// Runs every case under testdata/expressions/<group>/<case>.yaml: an expression evaluated against
// testdata/apps/synced-healthy.yaml with the clock at 2026-11-25T18:10:00Z, and the expected
// value (`expect`, compared as plain data), rendering (`expectFormatted`, Go's %v) or error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compileExpression, createNotificationEnv, formatValue, NotifyExprError, type ExprValue } from './index';

interface Case {
  expression: string;
  expect?: unknown;
  expectFormatted?: string;
  expectError?: { code: string; message: string; expression?: string; line?: number; column?: number; token?: string };
  repo?: { GetCommitMetadata?: Record<string, string> };
  budget?: { maxSteps?: number; maxAllocation?: number };
}

const testdata = join(__dirname, '..', 'testdata');
const app = parse(readFileSync(join(testdata, 'apps', 'synced-healthy.yaml'), 'utf8')) as Record<string, unknown>;
const clock = (): Date => new Date('2026-11-25T18:10:00Z');

function cases(): [string, Case][] {
  const root = join(testdata, 'expressions');
  return readdirSync(root)
    .sort()
    .flatMap((group) =>
      readdirSync(join(root, group))
        .filter((file) => file.endsWith('.yaml'))
        .sort()
        .map((file): [string, Case] => [
          `${group}/${file.replace(/\.yaml$/, '')}`,
          parse(readFileSync(join(root, group, file), 'utf8')) as Case,
        ]),
    );
}

function envFor(testCase: Case) {
  const metadata = testCase.repo?.GetCommitMetadata;
  const revision = (app.status as { sync: { revision: string } }).sync.revision;
  return createNotificationEnv({
    app,
    clock,
    ...(metadata
      ? {
          repo: {
            GetCommitMetadata: (sha: ExprValue) => {
              if (sha !== revision) throw new Error(`no commit ${formatValue(sha)}`);
              return metadata;
            },
          },
        }
      : {}),
  });
}

function run(testCase: Case): ExprValue {
  return compileExpression(testCase.expression).evaluate(
    envFor(testCase),
    testCase.budget ? { budget: testCase.budget } : {},
  );
}

const all = cases();

test('the corpus covers every group', () => {
  const groups = new Set(all.map(([name]) => name.split('/')[0]));
  expect([...groups].sort()).toEqual(
    [
      'arithmetic',
      'budget',
      'builtins',
      'comparison',
      'let',
      'literals',
      'logic',
      'matches',
      'members',
      'membership',
      'optional',
      'predicates',
      'repo',
      'string-ops',
      'strings',
      'syntax',
      'ternary',
      'time',
    ].sort(),
  );
  expect(all.length).toBeGreaterThan(140);
});

describe.each(all)('%s', (_name, testCase) => {
  if (testCase.expectError) {
    const expected = testCase.expectError;
    test(`fails with ${expected.code}`, () => {
      let caught: unknown;
      try {
        run(testCase);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(NotifyExprError);
      const error = caught as NotifyExprError & {
        expression?: string;
        token?: string;
        position?: { line: number; column: number };
      };
      expect(error.code).toBe(expected.code);
      expect(error.message).toContain(expected.message);
      if (expected.expression !== undefined) expect(error.expression).toBe(expected.expression);
      if (expected.token !== undefined) expect(error.token).toBe(expected.token);
      if (expected.line !== undefined) expect(error.position?.line).toBe(expected.line);
      if (expected.column !== undefined) expect(error.position?.column).toBe(expected.column);
    });
  } else if (testCase.expectFormatted !== undefined) {
    test('renders as expected', () => expect(formatValue(run(testCase))).toBe(testCase.expectFormatted));
  } else {
    test('evaluates as expected', () => {
      if (!('expect' in testCase)) throw new Error('case has no expectation');
      expect(run(testCase)).toEqual(testCase.expect);
    });
  }
});
