// Checks user policy beyond what Argo CD's loader rejects: every resource and
// action must be one RBAC knows (or a pattern that matches one), effects must
// be allow or deny, patterns must compile, and no field may carry trailing
// spaces (Argo CD keeps them, so such a line silently never matches). A role
// that `g` lines hand out but no `p` line gives anything is a warning, as in
// Argo CD ("user defined roles not found in policies").
import { type MatchMode, patternProblem } from './match-mode';
import { type PolicyIssue, type PolicyRule, type PolicySource, parsePolicySources } from './policy-csv';
import { BUILTIN_POLICY_CSV } from './builtin-policy';
import { globMatch } from '@driftless/glob';
import { APP_LIKE_RESOURCES, RBAC_RESOURCE_ACTIONS, RBAC_RESOURCES, literalActionProblem } from './resources';

export interface PolicyValidation {
  valid: boolean;
  issues: PolicyIssue[];
  rules: PolicyRule[];
}

const GLOB_SYNTAX = /[*?[{\\]/;
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|]/;

export function validatePolicy(sources: readonly PolicySource[], matchMode: MatchMode = 'glob'): PolicyValidation {
  const { rules, syntaxErrors } = parsePolicySources(sources);
  const issues: PolicyIssue[] = [...syntaxErrors];
  for (const rule of rules) {
    const problems = rule.kind === 'p' ? permissionProblems(rule.fields, matchMode) : groupingProblems(rule.fields);
    for (const { severity, message } of problems)
      issues.push({ severity, source: rule.source, line: rule.line, message, text: rule.text });
  }
  for (const rule of emptyRoleGrants(rules))
    issues.push({
      severity: 'warning',
      source: rule.source,
      line: rule.line,
      message: `role ${JSON.stringify(rule.fields[1])} has no permissions: no p line names it or a role it inherits`,
      text: rule.text,
    });
  const order = new Map(sources.map((source, index) => [source.name, index]));
  issues.sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0) || a.line - b.line);
  return { valid: !issues.some((issue) => issue.severity === 'error'), issues, rules };
}

interface Problem {
  severity: 'error' | 'warning';
  message: string;
}

function permissionProblems(fields: string[], mode: MatchMode): Problem[] {
  const [subject, resource, action, object, effect] = fields as [string, string, string, string, string];
  const problems: Problem[] = [];
  const error = (message: string): void => void problems.push({ severity: 'error', message });
  const spaced = ['subject', 'resource', 'action', 'object', 'effect'].filter(
    (_, index) => fields[index] !== fields[index]?.trimEnd(),
  );
  if (spaced.length > 0)
    error(`trailing spaces in ${spaced.join(', ')} are part of the value, so this line never matches`);
  if (subject.trim() === '') error('the subject is empty');
  if (effect.trimEnd() !== 'allow' && effect.trimEnd() !== 'deny')
    error(`the effect must be "allow" or "deny", not ${JSON.stringify(effect)}`);
  for (const pattern of [resource, action, object]) {
    const problem = patternProblem(mode, pattern);
    if (problem !== undefined) error(problem);
  }
  if (problems.length > 0) return problems;

  const resources = matchingResources(resource, mode);
  if (resources.length === 0) {
    error(
      isPattern(resource, mode)
        ? `resource pattern ${JSON.stringify(resource)} matches no RBAC resource`
        : `unknown resource ${JSON.stringify(resource)} (known: ${RBAC_RESOURCES.join(', ')})`,
    );
    return problems;
  }
  if (mode === 'regex' && !REGEX_SYNTAX.test(resource) && resources.some((name) => name !== resource))
    problems.push({
      severity: 'warning',
      message: `in regex mode ${JSON.stringify(resource)} also matches ${resources.filter((name) => name !== resource).join(', ')}; anchor it as ^${resource}$`,
    });

  if (!isPattern(action, mode)) {
    if (resources.every((name) => literalActionProblem(name, action) !== undefined))
      error(`unknown action ${JSON.stringify(action)} for ${resources.join(', ')}`);
  } else if (!resources.some((name) => actionPatternFits(name, action, mode))) {
    error(`action pattern ${JSON.stringify(action)} matches no action of ${resources.join(', ')}`);
  }

  if (mode === 'regex' && !object.startsWith('^'))
    problems.push({
      severity: 'warning',
      message: `object pattern ${JSON.stringify(object)} is not anchored: it matches anywhere in the object (write ^…$)`,
    });
  if (
    mode === 'glob' &&
    resources.every((name) => APP_LIKE_RESOURCES.has(name)) &&
    !object.includes('/') &&
    !isPattern(object, mode)
  )
    problems.push({
      severity: 'warning',
      message: `${resources.join(', ')} objects are <project>/<name>, so ${JSON.stringify(object)} never matches`,
    });
  return problems;
}

function groupingProblems(fields: string[]): Problem[] {
  const problems: Problem[] = [];
  if (fields.some((field) => field !== field.trimEnd()))
    problems.push({ severity: 'error', message: 'trailing spaces are part of the name, so this line never applies' });
  if (fields.some((field) => field.trim() === '')) problems.push({ severity: 'error', message: 'a name is empty' });
  return problems;
}

function isPattern(value: string, mode: MatchMode): boolean {
  return (mode === 'glob' ? GLOB_SYNTAX : REGEX_SYNTAX).test(value);
}

function matches(pattern: string, value: string, mode: MatchMode): boolean {
  if (mode === 'glob') return globMatch(pattern, value);
  return new RegExp(pattern).test(value);
}

function matchingResources(pattern: string, mode: MatchMode): string[] {
  return RBAC_RESOURCES.filter((name) => matches(pattern, name, mode));
}

/**
 * Whether an action pattern can match some action of the resource: a bare
 * action (`get`), a sample sub-resource path (`update/group/Kind/ns/name`), or
 * — for actions that take a path — a pattern that spells out `<action>/` itself.
 */
function actionPatternFits(resource: string, pattern: string, mode: MatchMode): boolean {
  const table = RBAC_RESOURCE_ACTIONS[resource as keyof typeof RBAC_RESOURCE_ACTIONS];
  return Object.entries(table).some(([verb, allowsPath]) => {
    if (matches(pattern, verb, mode)) return true;
    if (!allowsPath) return false;
    const unanchored = mode === 'regex' && pattern.startsWith('^') ? pattern.slice(1) : pattern;
    return unanchored.startsWith(`${verb}/`) || matches(pattern, `${verb}/group/Kind/namespace/name`, mode);
  });
}

/** The built-in roles count as defined, so `g, alice, role:readonly` is fine. */
const BUILTIN_RULES = parsePolicySources([{ name: 'built-in policy', csv: BUILTIN_POLICY_CSV }]).rules;

function emptyRoleGrants(rules: readonly PolicyRule[]): PolicyRule[] {
  const all = [...BUILTIN_RULES, ...rules];
  const withPermissions = new Set(all.filter((rule) => rule.kind === 'p').map((rule) => rule.fields[0]));
  const parents = new Map<string, string[]>();
  for (const rule of all)
    if (rule.kind === 'g')
      parents.set(rule.fields[0] as string, [
        ...(parents.get(rule.fields[0] as string) ?? []),
        rule.fields[1] as string,
      ]);
  const hasPermissions = (role: string, seen = new Set<string>()): boolean => {
    if (withPermissions.has(role)) return true;
    seen.add(role);
    return (parents.get(role) ?? []).some((parent) => !seen.has(parent) && hasPermissions(parent, seen));
  };
  return rules.filter((rule) => rule.kind === 'g' && !hasPermissions(rule.fields[1] as string));
}
