// Argo CD's sync options: `Key=Value` items from the Application
// (spec.syncPolicy.syncOptions, or the operation's own list) and from a
// resource's `argocd.argoproj.io/sync-options` annotation (comma-separated).
// A resource's value wins over the app's for the options a resource may set.
// Pure.

export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

export type SyncOptionKey =
  | 'Prune'
  | 'Delete'
  | 'Validate'
  | 'SkipDryRunOnMissingResource'
  | 'ApplyOutOfSyncOnly'
  | 'PrunePropagationPolicy'
  | 'PruneLast'
  | 'Replace'
  | 'Force'
  | 'ServerSideApply'
  | 'ClientSideApplyMigration'
  | 'FailOnSharedResource'
  | 'RespectIgnoreDifferences'
  | 'CreateNamespace';

const KNOWN = new Set<string>([
  'Prune',
  'Delete',
  'Validate',
  'SkipDryRunOnMissingResource',
  'ApplyOutOfSyncOnly',
  'PrunePropagationPolicy',
  'PruneLast',
  'Replace',
  'Force',
  'ServerSideApply',
  'ClientSideApplyMigration',
  'FailOnSharedResource',
  'RespectIgnoreDifferences',
  'CreateNamespace',
]);

export type SyncOptionValues = ReadonlyMap<string, string>;

/** Parses `Key=Value` items; unknown keys are kept (Argo CD ignores them too) so a newer option does not break a sync. */
export function parseSyncOptions(items: readonly string[] | undefined): Map<string, string> {
  const options = new Map<string, string>();
  for (const item of items ?? []) {
    const text = item.trim();
    const equals = text.indexOf('=');
    if (equals <= 0) continue;
    options.set(text.slice(0, equals).trim(), text.slice(equals + 1).trim());
  }
  return options;
}

export function annotationSyncOptions(annotations: Record<string, string> | undefined): Map<string, string> {
  return parseSyncOptions((annotations?.[SYNC_OPTIONS_ANNOTATION] ?? '').split(','));
}

/** Items that are not `Key=Value` with a known key: the API and CLI refuse them with this message. */
export function invalidSyncOptions(items: readonly string[]): string[] {
  return items
    .filter((item) => {
      const equals = item.indexOf('=');
      return equals <= 0 || !KNOWN.has(item.slice(0, equals).trim());
    })
    .map(
      (item) =>
        `sync option "${item}" is not Key=Value with a known key (${[...KNOWN].join(', ')}) — check its spelling`,
    );
}

/** The options one resource syncs with: its annotation over the app's. */
export class SyncOptions {
  constructor(
    private readonly app: SyncOptionValues,
    private readonly resource: SyncOptionValues = new Map(),
  ) {}

  forResource(annotations: Record<string, string> | undefined): SyncOptions {
    return new SyncOptions(this.app, annotationSyncOptions(annotations));
  }

  value(key: SyncOptionKey): string | undefined {
    return this.resource.get(key) ?? this.app.get(key);
  }

  is(key: SyncOptionKey, value: string): boolean {
    return this.value(key)?.toLowerCase() === value.toLowerCase();
  }

  /** `Key=true` on the resource or the app; a resource's `Key=false` turns an app-wide true off. */
  enabled(key: SyncOptionKey): boolean {
    return this.is(key, 'true');
  }

  appEnabled(key: SyncOptionKey): boolean {
    return this.app.get(key)?.toLowerCase() === 'true';
  }
}
