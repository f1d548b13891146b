// The sync-window facts an application's status and the API show: Argo CD's
// GetApplicationSyncWindows (assigned windows, active windows, whether a manual sync may run) and
// the "SyncWindow:" line of `argocd app get`, plus when auto-sync next becomes allowed or blocked.
import { type SyncWindow } from '@driftless/schema';
import { decideForWindows } from './can-sync';
import { type SyncWindowTarget, matchingWindows } from './matching-windows';
import { type SyncWindowChange, nextSyncWindowChange } from './next-change';
import { SyncWindowError } from './sync-window-error';
import { isWindowActive } from './window-activity';

export type SyncWindowState = 'Sync Allowed' | 'Manual Allowed' | 'Sync Denied';

export interface SyncWindowSummary {
  assignedWindows: SyncWindow[];
  /** Assigned windows open now; an unreadable window counts as not open. */
  activeWindows: SyncWindow[];
  /** Whether a manual sync may start now (Argo CD's `canSync` in the sync-windows API). */
  canSync: boolean;
  state: SyncWindowState;
  /** The next change of the auto-sync answer; undefined when none is found (or no window applies). */
  nextChange?: SyncWindowChange;
}

export function syncWindowSummary(
  windows: readonly SyncWindow[],
  target: SyncWindowTarget,
  now: Date,
): SyncWindowSummary {
  const assignedWindows = matchingWindows(windows, target);
  const automated = decideForWindows(assignedWindows, { manual: false, now });
  const manual = decideForWindows(assignedWindows, { manual: true, now });
  const state = automated.allowed ? 'Sync Allowed' : manual.allowed ? 'Manual Allowed' : 'Sync Denied';
  const nextChange = nextSyncWindowChange(assignedWindows, now);
  return {
    assignedWindows,
    activeWindows: assignedWindows.filter((window) => activeOrFalse(window, now)),
    canSync: manual.allowed,
    state,
    ...(nextChange && { nextChange }),
  };
}

function activeOrFalse(window: SyncWindow, now: Date): boolean {
  try {
    return isWindowActive(window, now);
  } catch (error) {
    if (error instanceof SyncWindowError) return false;
    throw error;
  }
}
