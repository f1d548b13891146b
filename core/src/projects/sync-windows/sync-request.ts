// What canSync is asked and what it answers.
import { type SyncWindow } from '@driftless/schema';

export interface SyncRequest {
  /** A sync a user asked for (API, CLI, UI), as opposed to auto-sync. */
  manual: boolean;
  now: Date;
  /** When the running operation started; only for an operation already under way (syncOverrun). */
  operationStartedAt?: Date;
}

export type SyncWindowReason =
  /** Allowed: no window applies to the application. */
  | 'no-windows'
  /** Allowed: windows apply but none restricts syncing now (no active deny, no allow window). */
  | 'no-restriction'
  /** Allowed: an allow window is active and no deny window is. */
  | 'active-allow'
  /** Allowed: a manual sync, and every blocking window has manualSync. */
  | 'manual-sync'
  /** Allowed: a running operation that started while syncing was allowed; every blocking window has syncOverrun. */
  | 'sync-overrun'
  /** Blocked: a deny window is active. */
  | 'active-deny'
  /** Blocked: allow windows apply and none is active. */
  | 'outside-allow'
  /** Blocked: an applying window's schedule or duration cannot be read. */
  | 'invalid-window';

export interface SyncWindowDecision {
  allowed: boolean;
  reason: SyncWindowReason;
  /** For the user: Argo CD's phrase when blocked, then which windows decided and why. */
  message: string;
  /** The windows that decided: the blocking ones, or the ones that permitted the sync. */
  windows: SyncWindow[];
}
