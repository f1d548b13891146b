// AppProject sync windows as Argo CD applies them: pure functions of the windows, the application
// and the time they are given (no clock, no Nest, no I/O).
export { type SyncWindowDecision, type SyncWindowReason, type SyncRequest } from './sync-request';
export { canSync, decideForWindows } from './can-sync';
export { assignedWindowLabel, describeWindow, describeWindows } from './describe-window';
export { type SyncWindowTarget, matchingWindows, windowMatches } from './matching-windows';
export { SYNC_WINDOW_PHRASES } from './messages';
export { type SyncWindowChange, nextSyncWindowChange } from './next-change';
export { SyncWindowError } from './sync-window-error';
export { type SyncWindowState, type SyncWindowSummary, syncWindowSummary } from './sync-window-summary';
export { validateSyncWindow, validateSyncWindows } from './validate-sync-window';
export { isWindowActive } from './window-activity';
