// Argo CD's SyncWindows.CanSync over the windows that apply to an application:
//   1. an active deny window blocks, unless the sync is manual and every active deny window has
//      manualSync, or the running operation may overrun (below);
//   2. otherwise an active allow window permits;
//   3. otherwise, when allow windows apply (none active), the sync is blocked, unless it is
//      manual and every inactive allow window has manualSync, or it may overrun;
//   4. otherwise the sync is permitted.
// Overrun: an operation that started while syncing was permitted may finish when every window
// now blocking it (the active deny windows in 1, the inactive allow windows in 3) has syncOverrun.
import { type SyncWindow } from '@driftless/schema';
import { describeWindows } from './describe-window';
import { type SyncWindowTarget, matchingWindows } from './matching-windows';
import { blockedPhrase } from './messages';
import { SyncWindowError } from './sync-window-error';
import { type SyncRequest, type SyncWindowDecision, type SyncWindowReason } from './sync-request';
import { isWindowActive } from './window-activity';

export function canSync(
  windows: readonly SyncWindow[],
  target: SyncWindowTarget,
  request: SyncRequest,
): SyncWindowDecision {
  return decideForWindows(matchingWindows(windows, target), request);
}

/** canSync for windows already matched to the application. */
export function decideForWindows(assigned: readonly SyncWindow[], request: SyncRequest): SyncWindowDecision {
  if (assigned.length === 0) return permit('no-windows', 'no sync window applies to the application', []);
  let active: Set<SyncWindow>;
  try {
    active = new Set(assigned.filter((window) => isWindowActive(window, request.now)));
  } catch (error) {
    if (!(error instanceof SyncWindowError)) throw error;
    // Argo CD refuses to decide on a project with an unreadable window that applies.
    return block('invalid-window', request, `invalid sync windows: ${error.message}`, []);
  }
  const activeDeny = assigned.filter((window) => window.kind === 'deny' && active.has(window));
  if (activeDeny.length > 0) return decideAgainst('active-deny', activeDeny, assigned, request);
  const activeAllow = assigned.filter((window) => window.kind === 'allow' && active.has(window));
  if (activeAllow.length > 0) return permit('active-allow', `${describeWindows(activeAllow)} is active`, activeAllow);
  const inactiveAllow = assigned.filter((window) => window.kind === 'allow');
  if (inactiveAllow.length > 0) return decideAgainst('outside-allow', inactiveAllow, assigned, request);
  return permit('no-restriction', 'no deny window is active and no allow window applies', []);
}

// The sync meets windows that would block it: manualSync or syncOverrun may still let it through.
function decideAgainst(
  reason: 'active-deny' | 'outside-allow',
  blocking: SyncWindow[],
  assigned: readonly SyncWindow[],
  request: SyncRequest,
): SyncWindowDecision {
  const situation =
    reason === 'active-deny'
      ? `${describeWindows(blocking)} ${blocking.length === 1 ? 'is' : 'are'} active`
      : `no allow window is active (${describeWindows(blocking)})`;
  const withoutManualSync = blocking.filter((window) => window.manualSync !== true);
  if (request.manual && withoutManualSync.length === 0) {
    return permit('manual-sync', `${situation}, but ${itHas(blocking)} manualSync`, blocking, 'Manual sync');
  }
  const overrun = overrunVerdict(blocking, assigned, request);
  if (overrun.allowed) return permit('sync-overrun', `${situation}, but ${overrun.why}`, blocking, 'Sync operation');
  const hints = [
    request.manual
      ? `manualSync is not set on ${describeWindows(withoutManualSync)}`
      : withoutManualSync.length === 0 && 'manual syncs are allowed',
    overrun.why,
  ].filter(Boolean);
  return block(reason, request, [situation, ...hints].join('; '), blocking);
}

/** Whether a running operation may overrun the blocking windows, and why (not). */
function overrunVerdict(
  blocking: SyncWindow[],
  assigned: readonly SyncWindow[],
  { manual, operationStartedAt }: SyncRequest,
): { allowed: boolean; why?: string } {
  if (!operationStartedAt) return { allowed: false };
  const withoutOverrun = blocking.filter((window) => window.syncOverrun !== true);
  if (withoutOverrun.length > 0)
    return { allowed: false, why: `syncOverrun is not set on ${describeWindows(withoutOverrun)}` };
  // Judged at the start without overrun, so only the windows of that moment count.
  const atStart = decideForWindows(assigned, { manual, now: operationStartedAt });
  const started = operationStartedAt.toISOString();
  return atStart.allowed
    ? {
        allowed: true,
        why: `the operation started at ${started}, when syncing was allowed, and ${itHas(blocking)} syncOverrun`,
      }
    : { allowed: false, why: `the operation started at ${started}, when syncing was not allowed either` };
}

function itHas(windows: SyncWindow[]): string {
  return windows.length === 1 ? 'it has' : 'every one has';
}

function permit(reason: SyncWindowReason, detail: string, windows: SyncWindow[], subject = 'Sync'): SyncWindowDecision {
  return { allowed: true, reason, message: `${subject} permitted: ${detail}`, windows };
}

function block(
  reason: SyncWindowReason,
  request: SyncRequest,
  detail: string,
  windows: SyncWindow[],
): SyncWindowDecision {
  return { allowed: false, reason, message: `${blockedPhrase(request)}: ${detail}`, windows };
}
