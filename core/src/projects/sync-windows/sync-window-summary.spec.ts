// The status/API summary: assigned and active windows, Argo CD's "SyncWindow:" state, and the
// next change of the auto-sync answer.
import { type SyncWindow } from '@driftless/schema';
import { syncWindowSummary } from './sync-window-summary';
import { GUESTBOOK, instant } from './testdata/load';

const OFFICE_HOURS: SyncWindow = {
  description: 'office-hours',
  kind: 'allow',
  schedule: '0 9 * * *',
  duration: '8h',
  applications: ['*'],
};
const LUNCH: SyncWindow = {
  description: 'lunch',
  kind: 'deny',
  schedule: '0 12 * * *',
  duration: '1h',
  manualSync: true,
  namespaces: ['default'],
};
const BILLING_ONLY: SyncWindow = {
  description: 'billing-only',
  kind: 'deny',
  schedule: '* * * * *',
  duration: '1h',
  applications: ['billing'],
};
const BROKEN: SyncWindow = {
  description: 'broken',
  kind: 'deny',
  schedule: '0 25 * * *',
  duration: '1h',
  applications: ['*'],
};

const PROJECT = [OFFICE_HOURS, LUNCH, BILLING_ONLY];

describe('syncWindowSummary', () => {
  it.each([
    {
      now: '2024-05-01T10:00:00Z',
      windows: PROJECT,
      expected: {
        assigned: ['office-hours', 'lunch'],
        active: ['office-hours'],
        state: 'Sync Allowed',
        canSync: true,
        nextChange: { at: '2024-05-01T12:00:00.000Z', allowed: false },
      },
    },
    {
      now: '2024-05-01T12:30:00Z',
      windows: PROJECT,
      expected: {
        assigned: ['office-hours', 'lunch'],
        active: ['office-hours', 'lunch'],
        state: 'Manual Allowed',
        canSync: true,
        nextChange: { at: '2024-05-01T13:00:00.000Z', allowed: true },
      },
    },
    {
      now: '2024-05-01T20:00:00Z',
      windows: PROJECT,
      expected: {
        assigned: ['office-hours', 'lunch'],
        active: [],
        state: 'Sync Denied',
        canSync: false,
        nextChange: { at: '2024-05-02T09:00:00.000Z', allowed: true },
      },
    },
    {
      now: '2024-05-01T20:00:00Z',
      windows: [BILLING_ONLY],
      expected: { assigned: [], active: [], state: 'Sync Allowed', canSync: true, nextChange: undefined },
    },
    {
      now: '2024-05-01T10:00:00Z',
      windows: [OFFICE_HOURS, BROKEN],
      expected: {
        assigned: ['office-hours', 'broken'],
        active: ['office-hours'],
        state: 'Sync Denied',
        canSync: false,
        nextChange: undefined,
      },
    },
  ])('at $now', ({ now, windows, expected }) => {
    const summary = syncWindowSummary(windows, GUESTBOOK, instant(now));
    expect({
      assigned: summary.assignedWindows.map((window) => window.description),
      active: summary.activeWindows.map((window) => window.description),
      state: summary.state,
      canSync: summary.canSync,
      nextChange: summary.nextChange && {
        at: summary.nextChange.at.toISOString(),
        allowed: summary.nextChange.allowed,
      },
    }).toEqual(expected);
  });
});
