// How a window is named in messages: enough to find it in the project (kind, schedule, duration,
// zone) without an index, which changes when windows are added or removed.
import { type SyncWindow } from '@driftless/schema';

/** e.g. `deny window "0 22 * * *" for 1h in Europe/Berlin (release freeze)`. */
export function describeWindow(window: SyncWindow): string {
  const zone = window.timeZone || 'UTC';
  const text = `${window.kind ?? '(no kind)'} window "${window.schedule ?? ''}" for ${window.duration ?? ''} in ${zone}`;
  return window.description ? `${text} (${window.description})` : text;
}

export function describeWindows(windows: readonly SyncWindow[]): string {
  return windows.map(describeWindow).join(', ');
}

/** `kind:schedule:duration`, the form of `argocd app get`'s "Assigned Windows" line. */
export function assignedWindowLabel(window: SyncWindow): string {
  return `${window.kind ?? ''}:${window.schedule ?? ''}:${window.duration ?? ''}`;
}
