// Label and field selectors as kube-apiserver parses them. Pure functions: a
// selector string becomes a predicate over an object.
import { ApiError } from '../api/status';
import type { KubeObject } from './kube-object';

type Requirement = { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'exists' | '!exists' };

export type Selector = (object: KubeObject) => boolean;

const matchAll: Selector = () => true;

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

function parseRequirement(term: string): Requirement {
  const setMatch = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (setMatch) {
    const values = (setMatch[3] ?? '').split(',').map((value) => value.trim());
    return { key: setMatch[1] ?? '', op: setMatch[2] === 'in' ? 'in' : 'notin', values };
  }
  const equality = /^([^\s!=]+)\s*(==|!=|=)\s*([^\s,]*)$/.exec(term);
  if (equality) {
    const op = equality[2] === '!=' ? 'notin' : 'in';
    return { key: equality[1] ?? '', op, values: [equality[3] ?? ''] };
  }
  if (/^![^\s!=(),]+$/.test(term)) return { key: term.slice(1), op: '!exists' };
  if (/^[^\s!=(),]+$/.test(term)) return { key: term, op: 'exists' };
  throw new ApiError(400, 'BadRequest', `unable to parse requirement: invalid selector term "${term}"`);
}

function requirementMatches(requirement: Requirement, value: string | undefined): boolean {
  switch (requirement.op) {
    case 'exists':
      return value !== undefined;
    case '!exists':
      return value === undefined;
    case 'in':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
      return value === undefined || !requirement.values.includes(value);
  }
}

export function parseLabelSelector(text: string | undefined | null): Selector {
  if (!text) return matchAll;
  const requirements = splitTopLevel(text).map(parseRequirement);
  return (object) => {
    const labels = object.metadata.labels ?? {};
    return requirements.every((requirement) => requirementMatches(requirement, labels[requirement.key]));
  };
}

/** Reads a dotted field path such as `status.phase` as the string a field selector compares. */
export function fieldValue(object: unknown, path: string): string | undefined {
  let current: unknown = object;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  if (current === undefined || current === null) return undefined;
  return typeof current === 'string' ? current : JSON.stringify(current);
}

export function parseFieldSelector(text: string | undefined | null): Selector {
  if (!text) return matchAll;
  const terms = splitTopLevel(text).map((term) => {
    const match = /^([^\s!=]+)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (!match)
      throw new ApiError(
        400,
        'BadRequest',
        `invalid field selector term "${term}": expected field=value or field!=value`,
      );
    return { path: match[1] ?? '', negate: match[2] === '!=', value: match[3] ?? '' };
  });
  return (object) =>
    terms.every((term) => {
      // An absent field compares as the empty string, as in kube-apiserver.
      const actual = fieldValue(object, term.path) ?? '';
      return term.negate ? actual !== term.value : actual === term.value;
    });
}

/** Converts a metav1.LabelSelector (matchLabels / matchExpressions) into a predicate over labels. */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export function labelSelectorMatches(
  selector: LabelSelectorSpec | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  const actual = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (actual[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const value = actual[expression.key];
    const values = expression.values ?? [];
    const ok =
      expression.operator === 'In'
        ? value !== undefined && values.includes(value)
        : expression.operator === 'NotIn'
          ? value === undefined || !values.includes(value)
          : expression.operator === 'Exists'
            ? value !== undefined
            : value === undefined;
    if (!ok) return false;
  }
  return true;
}

/** Renders a LabelSelector as the query string form (used for scale.status.selector). */
export function formatLabelSelector(selector: LabelSelectorSpec | undefined): string {
  if (!selector) return '';
  const terms = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(',');
    if (expression.operator === 'In') terms.push(`${expression.key} in (${values})`);
    else if (expression.operator === 'NotIn') terms.push(`${expression.key} notin (${values})`);
    else if (expression.operator === 'Exists') terms.push(expression.key);
    else terms.push(`!${expression.key}`);
  }
  return terms.join(',');
}
