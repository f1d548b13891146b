// Runs testdata/validation: windows and the problems reported, each given by a fragment of its
// message; the number of problems must match too.
import { type SyncWindow } from '@driftless/schema';
import { loadCaseFiles } from './testdata/load';
import { validateSyncWindow, validateSyncWindows } from './validate-sync-window';

interface Case {
  window: SyncWindow;
  errors: string[];
}

const VALID: SyncWindow = { kind: 'deny', schedule: '0 22 * * *', duration: '1h', applications: ['*'] };

describe.each(loadCaseFiles<Case>('validation'))('validateSyncWindow $file', ({ data }) => {
  it.each(data.cases)(`${data.description}: %j`, ({ window, errors }) => {
    const problems = validateSyncWindow({ ...VALID, ...window });
    expect(problems).toHaveLength(errors.length);
    errors.forEach((fragment, index) => expect(problems[index]).toContain(fragment));
  });
});

describe('validateSyncWindow limits', () => {
  it.each([
    [255, 0],
    [256, 1],
  ])('a description of %i characters gives %i problems', (length, count) => {
    expect(validateSyncWindow({ ...VALID, description: 'x'.repeat(length) })).toHaveLength(count);
  });

  it('names each window of a project by its index', () => {
    const problems = validateSyncWindows([VALID, { ...VALID, kind: 'block' as never }]);
    expect(problems).toEqual(["spec.syncWindows[1].kind: kind 'block' mismatch: can only be allow or deny"]);
  });
});
