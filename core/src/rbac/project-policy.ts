// An AppProject's roles as policy: for each role `proj:<project>:<role>`, an
// implicit `get` on the project itself, the role's own policy lines, and a
// `g` line binding each of its groups (Argo CD's ProjectPoliciesString).
//
// Projects are edited by project admins, not RBAC admins, so each line is
// checked as Argo CD's API checks it before it is stored (subject must be
// this role, resource project-scoped, object inside this project). A line that
// fails is left out and reported, so a project applied with kubectl cannot
// grant rights outside itself.
import type { ProjectRole } from '@driftless/schema';
import { readCsvRecord, type PolicyIssue, type PolicyRule, parsePolicySources } from './policy-csv';
import { PROJECT_SCOPED_RESOURCES } from './resources';

/** The parts of an AppProject RBAC reads; a full AppProject object fits. */
export interface RbacProject {
  metadata: { name?: string; resourceVersion?: string };
  spec?: { roles?: ProjectRole[] } | undefined;
}

export interface ProjectPolicy {
  project: string;
  rules: PolicyRule[];
  issues: PolicyIssue[];
  /** The accepted lines joined, used to tell whether a cached enforcer is still current. */
  fingerprint: string;
}

const ROLE_NAME = /^[a-zA-Z0-9]([-_a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const PROJECT_ACTIONS = new Set(['get', 'create', 'update', 'delete', 'sync', 'override', '*']);
const PROJECT_ACTION_PREFIXES = ['action/', 'update/', 'delete/'];

export function projectPolicy(project: RbacProject): ProjectPolicy {
  const name = project.metadata.name ?? '';
  const source = `AppProject ${name}`;
  const accepted: string[] = [];
  const issues: PolicyIssue[] = [];
  const reject = (message: string, text?: string): void => {
    issues.push({ severity: 'error', source, line: 0, message, ...(text === undefined ? {} : { text }) });
  };
  (project.spec?.roles ?? []).forEach((role, roleIndex) => {
    const at = `spec.roles[${roleIndex}]`;
    if (!ROLE_NAME.test(role.name)) {
      reject(`${at}.name: ${JSON.stringify(role.name)} must be letters, digits, '-' or '_'`);
      return;
    }
    const subject = `proj:${name}:${role.name}`;
    accepted.push(`p, ${subject}, projects, get, ${name}, allow`);
    (role.policies ?? []).forEach((line, index) => {
      const problem = roleLineProblem(name, subject, line);
      if (problem === undefined) accepted.push(line);
      else reject(`${at}.policies[${index}]: ${problem}`, line);
    });
    (role.groups ?? []).forEach((group, index) => {
      const problem = groupProblem(group);
      if (problem === undefined) accepted.push(`g, ${group.trim()}, ${subject}`);
      else reject(`${at}.groups[${index}]: ${problem}`);
    });
  });
  const parsed = parsePolicySources([{ name: source, csv: accepted.join('\n') }]);
  // Lines were checked above, so a syntax error here means a check is missing: report it, never load it.
  for (const error of parsed.syntaxErrors) issues.push(error);
  return { project: name, rules: parsed.rules, issues, fingerprint: accepted.join('\n') };
}

function roleLineProblem(project: string, subject: string, line: string): string | undefined {
  const fields = readCsvRecord(line.trim());
  if (typeof fields === 'string') return fields;
  if (fields.length !== 6 || fields[0] !== 'p') return "must be of the form 'p, sub, res, act, obj, eft'";
  const [, sub, resource, action, object, effect] = fields.map((field) => field.trim()) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (sub !== subject) return `policy subject must be '${subject}', not '${sub}'`;
  if (!PROJECT_SCOPED_RESOURCES.has(resource))
    return `project resource must be one of ${[...PROJECT_SCOPED_RESOURCES].join(', ')}, not '${resource}'`;
  if (!PROJECT_ACTIONS.has(action) && !PROJECT_ACTION_PREFIXES.some((prefix) => action.startsWith(prefix)))
    return `invalid action '${action}'`;
  if (!objectInProject(project, object))
    return `object must be '${project}/*', '${project}/<name>' or '${project}/<namespace>/<name>', not '${object}'`;
  if (effect !== 'allow' && effect !== 'deny') return "effect must be 'allow' or 'deny'";
  if (fields.some((field, index) => index > 0 && field !== field.trim()))
    return 'fields must not carry spaces around them';
  return undefined;
}

function objectInProject(project: string, object: string): boolean {
  if (!object.startsWith(`${project}/`)) return false;
  const rest = object.slice(project.length + 1).split('/');
  return rest.length <= 2 && rest.every((segment) => /^[*\w.-]+$/.test(segment) && segment !== '..' && segment !== '.');
}

function groupProblem(group: string): string | undefined {
  let name = group.trim();
  if (name.length > 1 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1);
  else if (name.includes(',')) return `group '${group}' contains a comma and must be quoted`;
  if (name === '') return 'group name is empty';
  if (/["\n\r\t]/.test(name)) return `group '${group}' contains invalid characters`;
  return undefined;
}
