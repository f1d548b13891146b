// Runs testdata/activity: a window and instants at which it is open or not (or unreadable).
import { type SyncWindow } from '@driftless/schema';
import { SyncWindowError } from './sync-window-error';
import { instant, loadCaseFiles } from './testdata/load';
import { isWindowActive } from './window-activity';

interface Case {
  now: string;
  /** Overrides the file's window. */
  window?: SyncWindow;
  active?: boolean;
  /** The start of the SyncWindowError message, when the window cannot be read. */
  error?: string;
}

describe.each(loadCaseFiles<Case>('activity'))('window activity $file', ({ data }) => {
  it.each(data.cases)(`${data.description}: at $now`, ({ now, window, active, error }) => {
    const subject = window ?? data.window;
    if (!subject) throw new Error('the case needs a window');
    if (error !== undefined) {
      expect(() => isWindowActive(subject, instant(now))).toThrow(SyncWindowError);
      expect(() => isWindowActive(subject, instant(now))).toThrow(error);
      return;
    }
    expect(isWindowActive(subject, instant(now))).toBe(active);
  });
});
