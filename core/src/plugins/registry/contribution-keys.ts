// The lookup keys a manifest's contributions claim, per extension point:
// health and action claim `group/Kind` patterns, source claims repoURL
// patterns, the others claim names.
import { type Contributions, type ExtensionPoint } from '@driftless/plugin-sdk';

export function contributionKeys(point: ExtensionPoint, contributes: Contributions): string[] {
  switch (point) {
    case 'health':
      return (contributes.health?.resources ?? []).map((resource) => `${resource.group}/${resource.kind}`);
    case 'action':
      return (contributes.action?.resources ?? []).map((resource) => `${resource.group}/${resource.kind}`);
    case 'source':
      return contributes.source?.urls ?? [];
    case 'renderer':
      return contributes.renderer ? [contributes.renderer.name] : [];
    case 'generator':
      return contributes.generator?.names ?? [];
    case 'notifier':
      return contributes.notifier?.services ?? [];
    case 'imageStrategy':
      return contributes.imageStrategy?.names ?? [];
  }
}

/** `group/Kind` of an object: the lookup key for health and action. */
export function groupKindKey(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  return `${slash === -1 ? '' : apiVersion.slice(0, slash)}/${kind}`;
}
