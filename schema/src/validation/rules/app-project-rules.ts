/** Argo CD's AppProject validation beyond the CRD schema (sync windows, role policies). */
import type { Path } from '../json-path';
import { cronProblem } from './cron';
import { asArray, asRecord, asString, checkEnum, error, type Issues, isGoDuration, quote } from './rule-kit';

export function checkAppProject(resource: Record<string, unknown>): Issues {
  const spec = asRecord(resource.spec);
  if (spec === undefined) return [];
  const projectName = asString(asRecord(resource.metadata)?.name);
  return [
    ...asArray(spec.syncWindows).flatMap((window, index) =>
      checkSyncWindow(asRecord(window), ['spec', 'syncWindows', index]),
    ),
    ...asArray(spec.roles).flatMap((role, index) => checkRole(asRecord(role), projectName, ['spec', 'roles', index])),
    ...asArray(asRecord(asRecord(spec.sourceIntegrity)?.git)?.policies).flatMap((policy, index) =>
      checkEnum(
        ['spec', 'sourceIntegrity', 'git', 'policies', index, 'gpg', 'mode'],
        asRecord(asRecord(policy)?.gpg)?.mode,
        ['none', 'head', 'strict'],
        'GPG verification mode',
      ),
    ),
  ];
}

function checkSyncWindow(window: Record<string, unknown> | undefined, path: Path): Issues {
  if (window === undefined) return [];
  const issues = checkEnum([...path, 'kind'], window.kind, ['allow', 'deny'], 'sync window kind');
  // Argo CD's SyncWindow.Validate parses all three, so none may be left out.
  if (window.kind === undefined) issues.push(error(path, "required property 'kind' is missing; use allow or deny"));
  if (window.schedule === undefined) {
    issues.push(error(path, "required property 'schedule' is missing; add a cron schedule such as '0 22 * * *'"));
  }
  if (window.duration === undefined) {
    issues.push(error(path, "required property 'duration' is missing; add how long the window lasts, e.g. 1h"));
  }
  const schedule = asString(window.schedule);
  const problem = schedule === undefined ? undefined : cronProblem(schedule);
  if (problem !== undefined)
    issues.push(error([...path, 'schedule'], `'${schedule}' is not a cron schedule: ${problem}`));
  const duration = asString(window.duration);
  if (duration !== undefined && !isGoDuration(duration)) {
    issues.push(error([...path, 'duration'], `'${duration}' is not a Go duration; use e.g. 1h or 30m`));
  }
  const timeZone = asString(window.timeZone);
  if (timeZone !== undefined && timeZone !== '' && !isTimeZone(timeZone)) {
    issues.push(
      error([...path, 'timeZone'], `'${timeZone}' is not a known IANA time zone; use e.g. UTC or Asia/Tokyo`),
    );
  }
  return issues;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const PROJECT_RESOURCES = ['applications', 'applicationsets', 'repositories', 'clusters', 'logs', 'exec'];

/** The object pattern Argo CD's validatePolicy accepts for a project. */
function projectObject(projectName: string): RegExp {
  const escaped = projectName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}(/[*\\w.-]+)?/[*\\w.-]+$`);
}

/** Policy lines: `p, proj:<project>:<role>, <resource>, <action>, <project>/<object>, allow|deny`. */
function checkRole(role: Record<string, unknown> | undefined, projectName: string | undefined, path: Path): Issues {
  const roleName = asString(role?.name);
  return asArray(role?.policies).flatMap((line, index): Issues => {
    if (typeof line !== 'string') return [];
    const linePath = [...path, 'policies', index];
    const tokens = line.split(',').map((token) => token.trim());
    if (tokens.length !== 6 || tokens[0] !== 'p') {
      return [
        error(
          linePath,
          'a project policy needs 6 comma-separated fields: p, proj:<project>:<role>, <resource>, <action>, <project>/<object>, allow|deny',
        ),
      ];
    }
    const issues: Issues = [];
    const [, subject, resource, , object, effect] = tokens as [string, string, string, string, string, string];
    if (projectName !== undefined && roleName !== undefined && subject !== `proj:${projectName}:${roleName}`) {
      issues.push(error(linePath, `policy subject must be 'proj:${projectName}:${roleName}', not '${subject}'`));
    }
    if (!PROJECT_RESOURCES.includes(resource)) {
      issues.push(error(linePath, `policy resource must be one of ${quote(PROJECT_RESOURCES)}, not '${resource}'`));
    }
    if (projectName !== undefined && !projectObject(projectName).test(object)) {
      issues.push(
        error(
          linePath,
          `policy object must be '${projectName}/*', '${projectName}/<app>' or '${projectName}/<namespace>/<app>', not '${object}'`,
        ),
      );
    }
    if (effect !== 'allow' && effect !== 'deny') {
      issues.push(error(linePath, `policy effect must be 'allow' or 'deny', not '${effect}'`));
    }
    return issues;
  });
}
