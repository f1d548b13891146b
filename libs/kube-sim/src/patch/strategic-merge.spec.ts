// Data-driven strategic merge cases: add one by adding a YAML file to
// testdata/strategic-merge with original, patch and expected.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { ApiError } from '../api/status';
import type { JsonObject } from '../store/kube-object';
import { builtinMergeSchema } from './schema';
import { applyStrategicMergePatch } from './strategic-merge';

interface Case {
  description: string;
  kind: string;
  original: JsonObject;
  patch: JsonObject;
  expected: JsonObject;
}

const directory = join(__dirname, 'testdata', 'strategic-merge');
const cases = readdirSync(directory)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => [file, load(readFileSync(join(directory, file), 'utf8')) as Case] as const);

describe('strategic merge patch', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
  });

  it.each(cases)('%s', (_file, testCase) => {
    const original = structuredClone(testCase.original);
    expect(applyStrategicMergePatch(original, testCase.patch, builtinMergeSchema(testCase.kind))).toEqual(
      testCase.expected,
    );
    expect(original).toEqual(testCase.original);
  });

  it('rejects keyed list items without their merge key', () => {
    expect(() =>
      applyStrategicMergePatch(
        { spec: { containers: [] } },
        { spec: { containers: [{ image: 'x' }] } },
        builtinMergeSchema('Pod'),
      ),
    ).toThrow(ApiError);
  });
});
