// Checks one window before it is stored, so mistakes surface when the project is written rather
// than as a blocked sync later. Each message says which field, what is wrong and how to fix it.
// Beyond Argo CD (which accepts these and then never opens the window, or silently uses UTC), it
// also reports a duration of zero or less and an unknown time zone.
import { type SyncWindow } from '@driftless/schema';
import { goCronProblem } from './go-cron-syntax';
import { resolveTimeZone } from './time-zone';
import { cronParserProblem, parseWindowDuration } from './window-clock';

/** The CRD's limit (kubebuilder MaxLength on description). */
const DESCRIPTION_MAX_LENGTH = 255;

export function validateSyncWindow(window: SyncWindow, path = 'syncWindow'): string[] {
  const { zone, problem: zoneProblem } = resolveTimeZone(window.timeZone);
  return [
    kindProblem(window, path),
    scheduleProblem(window, path, zone),
    durationProblem(window, path),
    zoneProblem &&
      `${path}.timeZone: '${window.timeZone}': ${zoneProblem}; use an IANA name such as "Europe/Berlin" or "UTC" (Argo CD would silently use UTC)`,
    (window.description?.length ?? 0) > DESCRIPTION_MAX_LENGTH &&
      `${path}.description: ${window.description?.length} characters, at most ${DESCRIPTION_MAX_LENGTH} are allowed; shorten it`,
  ].filter((message): message is string => typeof message === 'string');
}

/** validateSyncWindow for each of a project's windows, with `spec.syncWindows[i]` paths. */
export function validateSyncWindows(windows: readonly SyncWindow[] | undefined): string[] {
  return (windows ?? []).flatMap((window, index) => validateSyncWindow(window, `spec.syncWindows[${index}]`));
}

function kindProblem({ kind }: SyncWindow, path: string): string | undefined {
  if (kind === 'allow' || kind === 'deny') return undefined;
  return `${path}.kind: kind '${kind ?? ''}' mismatch: can only be allow or deny`;
}

function scheduleProblem({ schedule = '' }: SyncWindow, path: string, zone: string): string | undefined {
  const problem = goCronProblem(schedule) ?? cronParserProblem(schedule, zone);
  if (!problem) return undefined;
  return (
    `${path}.schedule: cannot parse schedule '${schedule}': ${problem}; ` +
    'use five cron fields "minute hour day-of-month month day-of-week", e.g. "0 22 * * 1-5"'
  );
}

function durationProblem({ duration = '' }: SyncWindow, path: string): string | undefined {
  const durationMs = parseWindowDuration(duration);
  if (durationMs === undefined) {
    return `${path}.duration: cannot parse duration '${duration}'; use a Go duration such as "1h", "30m" or "1h30m"`;
  }
  if (durationMs <= 0) {
    return `${path}.duration: '${duration}' is not positive, so the window never opens; use a duration such as "1h"`;
  }
  return undefined;
}
