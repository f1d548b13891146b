// The settings of argocd-rbac-cm, read from its `data`: `policy.csv` plus
// every `policy.<overlay>.csv` (appended in key order, as Argo CD does),
// `policy.default`, `policy.matchMode` and `scopes`.
import { parse as parseYaml } from 'yaml';
import type { MatchMode } from './match-mode';
import type { PolicyIssue, PolicySource } from './policy-csv';

export interface RbacConfig {
  /** User policy, in the order Argo CD concatenates it. */
  policy: PolicySource[];
  /** Role every subject also has (`policy.default`); empty for none. */
  defaultRole: string;
  matchMode: MatchMode;
  /** Token claims whose values are the user's groups (`scopes`, default `[groups]`). */
  scopes: string[];
  /** Problems with the settings themselves (not with policy lines). */
  issues: PolicyIssue[];
}

export const DEFAULT_SCOPES: readonly string[] = ['groups'];

export function rbacConfigFromData(
  data: Readonly<Record<string, string>> | undefined,
  source = 'argocd-rbac-cm',
): RbacConfig {
  const values = data ?? {};
  const issues: PolicyIssue[] = [];
  const policy: PolicySource[] = [];
  if (typeof values['policy.csv'] === 'string') policy.push({ name: 'policy.csv', csv: values['policy.csv'] });
  // Byte order, like Go's sort.Strings.
  const overlays = Object.keys(values)
    .filter((key) => key.startsWith('policy.') && key.endsWith('.csv') && key !== 'policy.csv')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of overlays) policy.push({ name: key, csv: values[key] ?? '' });

  const rawMode = values['policy.matchMode'];
  if (rawMode !== undefined && rawMode !== '' && rawMode !== 'glob' && rawMode !== 'regex')
    issues.push({
      severity: 'warning',
      source,
      line: 0,
      message: `policy.matchMode ${JSON.stringify(rawMode)} is neither "glob" nor "regex"; glob is used`,
    });

  return {
    policy,
    defaultRole: values['policy.default'] ?? '',
    matchMode: rawMode === 'regex' ? 'regex' : 'glob',
    scopes: parseScopes(values['scopes'], source, issues),
    issues,
  };
}

/** `scopes` is a YAML/JSON list such as `[groups, email]`. */
function parseScopes(raw: string | undefined, source: string, issues: PolicyIssue[]): string[] {
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_SCOPES];
  let parsed: unknown;
  try {
    parsed = parseYaml(raw);
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  issues.push({
    severity: 'error',
    source,
    line: 0,
    message: `scopes must be a list of claim names such as "[groups, email]", not ${JSON.stringify(raw)}; using [groups]`,
  });
  return [...DEFAULT_SCOPES];
}

/**
 * Reads a `--policy-file`: an argocd-rbac-cm ConfigMap in YAML, or else plain
 * policy CSV (Argo CD tries the ConfigMap first too).
 */
export function rbacConfigFromFileText(text: string, fileName: string): RbacConfig {
  const data = configMapData(text);
  if (data !== undefined) return rbacConfigFromData(data, fileName);
  return { ...rbacConfigFromData(undefined, fileName), policy: [{ name: fileName, csv: text }] };
}

function configMapData(text: string): Record<string, string> | undefined {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch {
    return undefined;
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return undefined;
  const { kind, data } = document as { kind?: unknown; data?: unknown };
  if (kind !== undefined && kind !== 'ConfigMap') return undefined;
  if (kind === undefined && data === undefined) return undefined;
  if (data === undefined || data === null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) return undefined;
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string') result[key] = value;
  return result;
}
