// How windows are named in messages and in the "Assigned Windows" label.
import { type SyncWindow } from '@driftless/schema';
import { assignedWindowLabel, describeWindow } from './describe-window';

describe('describeWindow', () => {
  it.each<[SyncWindow, string, string]>([
    [
      { kind: 'deny', schedule: '0 22 * * *', duration: '1h' },
      'deny window "0 22 * * *" for 1h in UTC',
      'deny:0 22 * * *:1h',
    ],
    [
      {
        kind: 'allow',
        schedule: '0 9 * * 1-5',
        duration: '8h',
        timeZone: 'Europe/Berlin',
        description: 'office hours',
      },
      'allow window "0 9 * * 1-5" for 8h in Europe/Berlin (office hours)',
      'allow:0 9 * * 1-5:8h',
    ],
    [{}, '(no kind) window "" for  in UTC', '::'],
  ])('%j', (window, description, label) => {
    expect(describeWindow(window)).toBe(description);
    expect(assignedWindowLabel(window)).toBe(label);
  });
});
