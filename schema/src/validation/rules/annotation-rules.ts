/**
 * The argocd.argoproj.io/* annotations Argo CD reads on any resource it syncs (inventory §1.8, §2.2).
 * A value it cannot parse is ignored or, for hooks, makes Argo CD skip the resource.
 */
import type { Path } from '../json-path';
import { checkSyncOption } from './sync-options';
import { asRecord, error, type Issues, isTemplated, quote, warning } from './rule-kit';

const HOOKS = ['PreSync', 'Sync', 'PostSync', 'SyncFail', 'Skip', 'PreDelete', 'PostDelete'];
const HOOK_DELETE_POLICIES = ['HookSucceeded', 'HookFailed', 'BeforeHookCreation'];
const COMPARE_OPTIONS = [
  'IgnoreExtraneous',
  'ServerSideDiff=true',
  'ServerSideDiff=false',
  'IncludeMutationWebhook=true',
];

function listCheck(path: Path, value: string, allowed: readonly string[], what: string, outcome: string): Issues {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => !allowed.includes(item))
    .map((item) => error(path, `'${item}' is not a ${what}, so ${outcome}; use ${quote(allowed)}`));
}

export function checkArgoAnnotations(resource: Record<string, unknown>): Issues {
  const annotations = asRecord(asRecord(resource.metadata)?.annotations);
  if (annotations === undefined) return [];
  const issues: Issues = [];
  for (const [name, value] of Object.entries(annotations)) {
    if (typeof value !== 'string' || isTemplated(value)) continue;
    const path = ['metadata', 'annotations', name];
    switch (name) {
      case 'argocd.argoproj.io/hook':
        issues.push(...listCheck(path, value, HOOKS, 'hook type', 'Argo CD ignores this resource'));
        break;
      case 'argocd.argoproj.io/hook-delete-policy':
        issues.push(...listCheck(path, value, HOOK_DELETE_POLICIES, 'hook delete policy', 'Argo CD ignores it'));
        break;
      case 'argocd.argoproj.io/sync-wave':
        if (!/^\s*[-+]?\d+\s*$/.test(value)) {
          issues.push(error(path, `sync wave '${value}' is not an integer; use e.g. "-1", "0" or "5" (quoted)`));
        }
        break;
      case 'argocd.argoproj.io/sync-options':
        value.split(',').forEach((option) => issues.push(...checkSyncOption(path, option.trim())));
        break;
      case 'argocd.argoproj.io/compare-options':
        value
          .split(',')
          .map((option) => option.trim())
          .filter((option) => !COMPARE_OPTIONS.includes(option))
          .forEach((option) =>
            issues.push(warning(path, `unknown compare option '${option}'; Argo CD knows ${quote(COMPARE_OPTIONS)}`)),
          );
        break;
      case 'argocd.argoproj.io/refresh':
        if (value !== 'normal' && value !== 'hard') {
          issues.push(error(path, `refresh must be 'normal' or 'hard', not '${value}'`));
        }
        break;
    }
  }
  return issues;
}
