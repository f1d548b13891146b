import fc from 'fast-check';
import { renderTemplateText, TemplateError } from './index';

// Fragments that combine into plausible and broken templates alike.
const fragments = [
  '{{',
  '}}',
  '{{-',
  '-}}',
  ' ',
  '\n',
  '.',
  '.a',
  '.a.b',
  '$',
  '$x',
  ':=',
  '=',
  '|',
  '(',
  ')',
  '"s"',
  '`r`',
  "'c'",
  '1',
  '-2',
  '3.5',
  '0x1F',
  'nil',
  'true',
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
  'and',
  'or',
  'not',
  'len',
  'index',
  'slice',
  'print',
  'printf',
  'eq',
  'lt',
  'upper',
  'default',
  'list',
  'dict',
  'toYaml',
  'include',
  'tpl',
  'required',
  'until',
  '/*',
  '*/',
  'x',
  ',',
];

const data = { a: { b: [1, 'two', null, { c: true }] }, l: ['x', 'y'], n: 3, s: 'text', z: null };

describe('robustness', () => {
  it('either renders or throws TemplateError for arbitrary token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 40 }), fc.boolean(), (parts, helm) => {
        try {
          const output = renderTemplateText(parts.join(''), data, { helm, limits: { maxSteps: 100_000 } });
          expect(typeof output).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(TemplateError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('either renders or throws TemplateError for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        try {
          renderTemplateText(`{{ ${text} }}`, data);
        } catch (error) {
          expect(error).toBeInstanceOf(TemplateError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
