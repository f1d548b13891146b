// Golden corpus: every case in golden/cases/*.txt must render byte for byte as
// Go's text/template rendered it (golden/expected/*.json, produced by
// golden/regenerate.sh). Add a case by appending to a cases file and
// regenerating; CI has no Go and only compares.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTemplateText, TemplateError, type FunctionSet, type MissingKey, type RenderOptions } from '../src';
import { parseCases, type GoldenCase } from './cases';

const goldenDir = join(__dirname, '..', 'golden');
const caseFiles = readdirSync(join(goldenDir, 'cases'))
  .filter((name) => name.endsWith('.txt'))
  .sort();

function optionsOf(testCase: GoldenCase): RenderOptions {
  const options: RenderOptions = {};
  for (const option of testCase.options) {
    const [key, value = ''] = option.split('=');
    if (key === 'helm') options.helm = true;
    else if (key === 'missingkey') options.missingKey = value as MissingKey;
    else if (key === 'name') options.name = value;
    else if (key === 'funcs') options.functions = value as FunctionSet;
  }
  return options;
}

function render(testCase: GoldenCase): { output?: string; error?: string } {
  try {
    return { output: renderTemplateText(testCase.template, JSON.parse(testCase.data), optionsOf(testCase)) };
  } catch (error) {
    if (error instanceof TemplateError) return { error: error.message };
    throw error;
  }
}

describe.each(caseFiles)('golden %s', (file) => {
  const cases = parseCases(readFileSync(join(goldenDir, 'cases', file), 'utf8'));
  const expected = JSON.parse(
    readFileSync(join(goldenDir, 'expected', file.replace(/\.txt$/, '.json')), 'utf8'),
  ) as Record<string, { output?: string; error?: string }>;

  test.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (name, testCase) => {
    expect(expected[name]).toBeDefined();
    expect(render(testCase)).toEqual(expected[name]);
  });
});
