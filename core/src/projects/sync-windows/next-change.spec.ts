// Runs testdata/next-change: windows assigned to the app and when the sync answer next flips.
import { nextSyncWindowChange } from './next-change';
import { instant, loadCaseFiles } from './testdata/load';

interface Case {
  now: string;
  manual?: boolean;
  /** null: no change is found. */
  next: { at: string; allowed: boolean } | null;
}

describe.each(loadCaseFiles<Case>('next-change'))('nextSyncWindowChange $file', ({ data }) => {
  it.each(data.cases)(`${data.description}: %j`, ({ now, manual, next }) => {
    const change = nextSyncWindowChange(data.windows ?? [], instant(now), manual ?? false);
    expect(change ? { at: change.at.toISOString(), allowed: change.allowed } : null).toEqual(
      next && { at: instant(next.at).toISOString(), allowed: next.allowed },
    );
  });
});
