// When an Application is busy, and when the operation a command started has
// finished. The controller takes `.operation`, reports progress in
// status.operationState and removes `.operation` when it is done. Pure.
import { type Application, type OperationPhase, type OperationState } from '@driftless/schema';

const TERMINAL: readonly OperationPhase[] = ['Succeeded', 'Failed', 'Error'];

export const isTerminalPhase = (phase: OperationPhase | undefined): boolean =>
  phase !== undefined && TERMINAL.includes(phase);

/** Another sync may not start: one is requested, running or being terminated. */
export function operationInProgress(app: Application): boolean {
  const phase = app.status?.operationState?.phase;
  return app.operation !== undefined || phase === 'Running' || phase === 'Terminating';
}

/**
 * What tells the command's own operation state from an older one. The write
 * that sets `.operation` also removes the old status.operationState (as Argo
 * CD's SetAppOperation does), so a state seen later is normally ours; the
 * start time confirms it — at or after the second the command wrote (one
 * clock), or after the previous operation's start (the controller's clock,
 * should the two disagree).
 */
export interface OperationBaseline {
  /** When the command wrote `.operation`, in ms. */
  requestedAt: number;
  /** status.operationState.startedAt before the write, in ms. */
  previousStartedAt?: number;
}

export function baselineOf(app: Application, requestedAt: number): OperationBaseline {
  const previous = Date.parse(app.status?.operationState?.startedAt ?? '');
  return { requestedAt, ...(Number.isNaN(previous) ? {} : { previousStartedAt: previous }) };
}

function startedSince(state: OperationState, baseline: OperationBaseline): boolean {
  const startedAt = Date.parse(state.startedAt);
  if (Number.isNaN(startedAt)) return false;
  // startedAt has whole seconds (metav1.Time).
  if (startedAt >= Math.floor(baseline.requestedAt / 1000) * 1000) return true;
  return baseline.previousStartedAt === undefined || startedAt > baseline.previousStartedAt;
}

/** The final state of the operation the command started, once the controller is done with it. */
export function finishedOperation(app: Application, baseline: OperationBaseline): OperationState | undefined {
  const state = app.status?.operationState;
  if (app.operation !== undefined || !state || !isTerminalPhase(state.phase)) return undefined;
  return startedSince(state, baseline) ? state : undefined;
}
