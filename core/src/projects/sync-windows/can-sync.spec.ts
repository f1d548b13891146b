// Runs testdata/can-sync: a project's windows and sync requests for the guestbook app, with the
// expected answer, the reason, and the message (exactly, or fragments it must contain).
import { type SyncWindow } from '@driftless/schema';
import { canSync } from './can-sync';
import { type SyncWindowReason } from './sync-request';
import { GUESTBOOK, instant, loadCaseFiles } from './testdata/load';

interface Case {
  now: string;
  manual?: boolean;
  operationStartedAt?: string;
  /** Overrides the file's windows. */
  windows?: SyncWindow[];
  allowed: boolean;
  reason: SyncWindowReason;
  message?: string;
  messageContains?: string[];
  /** Descriptions of the windows the decision names. */
  decidedBy?: string[];
}

describe.each(loadCaseFiles<Case>('can-sync'))('canSync $file', ({ data }) => {
  it.each(data.cases)(`${data.description}: %j`, (testCase) => {
    const decision = canSync(testCase.windows ?? data.windows ?? [], GUESTBOOK, {
      manual: testCase.manual ?? false,
      now: instant(testCase.now),
      ...(testCase.operationStartedAt && { operationStartedAt: instant(testCase.operationStartedAt) }),
    });
    expect({ allowed: decision.allowed, reason: decision.reason }).toEqual({
      allowed: testCase.allowed,
      reason: testCase.reason,
    });
    if (testCase.message !== undefined) expect(decision.message).toBe(testCase.message);
    for (const fragment of testCase.messageContains ?? []) expect(decision.message).toContain(fragment);
    if (testCase.decidedBy) expect(decision.windows.map((window) => window.description)).toEqual(testCase.decidedBy);
  });
});
