// spec.orphanedResources compiled. Its ignore entries are gobwas globs (not filepath.Match like
// the resource lists): an empty kind or name covers everything, but an empty group covers only
// the core group "" — `{kind: Secret}` ignores core Secrets, not `example.com` Secrets.
// Warnings need an explicit `warn: true` (Argo CD's IsWarn).
import { compileGlob } from '@driftless/glob';
import { type OrphanedResourcesMonitorSettings } from '@driftless/schema';

export interface OrphanedResourcesSettings {
  readonly warn: boolean;
  isIgnored(group: string, kind: string, name: string): boolean;
}

export function compileOrphanedResourcesSettings(
  settings: OrphanedResourcesMonitorSettings,
): OrphanedResourcesSettings {
  const ignore = (settings.ignore ?? []).map((key) => ({
    group: compileGlob(key.group ?? ''),
    kind: key.kind ? compileGlob(key.kind) : undefined,
    name: key.name ? compileGlob(key.name) : undefined,
  }));
  return {
    warn: settings.warn === true,
    isIgnored: (group, kind, name) =>
      ignore.some(
        (entry) =>
          (entry.kind === undefined || (entry.kind?.test(kind) ?? false)) &&
          (entry.group?.test(group) ?? false) &&
          (entry.name === undefined || (entry.name?.test(name) ?? false)),
      ),
  };
}
