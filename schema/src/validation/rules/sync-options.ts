/**
 * Sync options (`spec.syncPolicy.syncOptions` and the `argocd.argoproj.io/sync-options` annotation).
 * Argo CD compares them as plain strings, so a misspelt option or value is silently ignored.
 */
import type { Path } from '../json-path';
import { didYouMean } from '../suggest';
import { error, type Issues, isTemplated, quote, warning } from './rule-kit';

const BOOLEAN = ['true', 'false'];

/** Option key → accepted values (inventory §1.5). */
export const syncOptionValues: Readonly<Record<string, readonly string[]>> = {
  Prune: ['true', 'false', 'confirm'],
  Delete: ['true', 'false', 'confirm'],
  Validate: BOOLEAN,
  SkipDryRunOnMissingResource: BOOLEAN,
  ApplyOutOfSyncOnly: BOOLEAN,
  PrunePropagationPolicy: ['foreground', 'background', 'orphan'],
  PruneLast: BOOLEAN,
  Replace: BOOLEAN,
  Force: BOOLEAN,
  ServerSideApply: BOOLEAN,
  ClientSideApplyMigration: BOOLEAN,
  FailOnSharedResource: BOOLEAN,
  RespectIgnoreDifferences: BOOLEAN,
  CreateNamespace: BOOLEAN,
};

export function checkSyncOption(path: Path, option: string): Issues {
  if (isTemplated(option)) return [];
  const match = /^\s*([^=\s]+)=(.*?)\s*$/.exec(option);
  if (match === null) {
    return [
      error(
        path,
        `sync option '${option}' is not in Key=Value form, so Argo CD ignores it; write e.g. CreateNamespace=true`,
      ),
    ];
  }
  const [, key = '', value = ''] = match;
  const allowed = syncOptionValues[key];
  if (allowed === undefined) {
    return [
      warning(
        path,
        `unknown sync option '${key}'${didYouMean(key, Object.keys(syncOptionValues))}; Argo CD ignores options it does not know`,
      ),
    ];
  }
  if (!allowed.includes(value)) {
    return [
      error(
        path,
        `'${value}' is not a valid value for sync option ${key}, so Argo CD ignores it; use ${quote(allowed)}`,
      ),
    ];
  }
  return [];
}
