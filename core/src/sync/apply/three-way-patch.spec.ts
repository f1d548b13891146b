import type { JsonObject } from '@driftless/diff';
import { jsonMergeCases } from './three-way-patch-cases-json-merge';
import { strategicCases, type PatchCase } from './three-way-patch-cases-strategic';
import { JSON_MERGE_PATCH, STRATEGIC_MERGE_PATCH, ThreeWayPatchError, threeWayApplyPatch } from './three-way-patch';

function run(testCase: PatchCase, strategic: boolean) {
  const { original, modified, current } = testCase;
  return threeWayApplyPatch({ original, modified, current, strategic });
}

describe('threeWayApplyPatch, strategic merge (built-in kinds)', () => {
  it.each(strategicCases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const result = run(testCase, true);
    expect(result?.patch).toEqual(testCase.patch);
    if (result) expect(result.patchType).toBe(STRATEGIC_MERGE_PATCH);
  });
});

describe('threeWayApplyPatch, JSON merge (custom resources)', () => {
  it.each(jsonMergeCases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const result = run(testCase, false);
    expect(result?.patch).toEqual(testCase.patch);
    if (result) expect(result.patchType).toBe(JSON_MERGE_PATCH);
  });
});

describe('threeWayApplyPatch refusals', () => {
  it('refuses a keyed list item without its merge key, naming where it is', () => {
    const modified: JsonObject = {
      kind: 'Deployment',
      spec: { template: { spec: { containers: [{ name: 'web' }, { image: 'nameless' }] } } },
    };
    const current: JsonObject = { kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'web' }] } } } };
    const attempt = () => threeWayApplyPatch({ original: undefined, modified, current, strategic: true });
    expect(attempt).toThrow(ThreeWayPatchError);
    expect(attempt).toThrow('APPLY_MERGE_KEY_MISSING: spec.template.spec.containers[1] has no "name"');
  });

  it('refuses a JSON merge patch that changes the apiVersion, as kubectl does', () => {
    const attempt = () =>
      threeWayApplyPatch({
        original: undefined,
        modified: { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'w' } },
        current: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
        strategic: false,
      });
    expect(attempt).toThrow(/^APPLY_IDENTITY_CHANGED/);
  });

  it('never changes its inputs', () => {
    const before = JSON.stringify([strategicCases, jsonMergeCases]);
    for (const testCase of strategicCases) run(testCase, true);
    for (const testCase of jsonMergeCases) run(testCase, false);
    expect(JSON.stringify([strategicCases, jsonMergeCases])).toBe(before);
  });
});
