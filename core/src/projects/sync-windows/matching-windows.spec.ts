// Runs testdata/matching: windows (named by their description) and which ones each target selects.
import { type SyncWindowTarget, matchingWindows } from './matching-windows';
import { loadCaseFiles } from './testdata/load';

interface Case {
  target: SyncWindowTarget;
  matches: string[];
}

describe.each(loadCaseFiles<Case>('matching'))('matching windows $file', ({ data }) => {
  it.each(data.cases)(`${data.description}: %j`, ({ target, matches }) => {
    const names = matchingWindows(data.windows ?? [], target).map((window) => window.description);
    expect(names).toEqual(matches);
  });
});
