// Argo CD's selective-sync selectors (GROUP:KIND:NAME, GROUP:KIND:NAMESPACE/NAME,
// `!` to exclude, `*` as a wildcard in a field) resolved against the resources
// the app manages (status.resources), so the controller only ever sees
// concrete resources. The CLI parses the text form (cli/commands/app); the API
// takes the fields. Pure.
import { type ResourceStatus, type SyncOperationResource } from '@driftless/schema';

export interface ResourceSelector {
  group: string;
  kind: string;
  name: string;
  /** Only when given as NAMESPACE/NAME. */
  namespace?: string;
  exclude: boolean;
}

/** Shell-style `*` only, as Argo CD's selector fields. */
function fieldMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(value);
}

interface ResourceKey {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

function selects(selector: ResourceSelector, resource: ResourceKey): boolean {
  return (
    fieldMatches(selector.group, resource.group ?? '') &&
    fieldMatches(selector.kind, resource.kind ?? '') &&
    fieldMatches(selector.name, resource.name ?? '') &&
    (selector.namespace === undefined || fieldMatches(selector.namespace, resource.namespace ?? ''))
  );
}

/** Included by some include selector (or there is none) and by no exclude selector. */
export function isSelected(selectors: readonly ResourceSelector[], resource: ResourceKey): boolean {
  const includes = selectors.filter((selector) => !selector.exclude);
  const excludes = selectors.filter((selector) => selector.exclude);
  return (
    (includes.length === 0 || includes.some((selector) => selects(selector, resource))) &&
    !excludes.some((selector) => selects(selector, resource))
  );
}

/** The app's resources the selectors pick, as the operation lists them. */
export function selectResources(
  selectors: readonly ResourceSelector[],
  resources: readonly ResourceStatus[],
): SyncOperationResource[] {
  return resources
    .filter((resource) => resource.kind && resource.name && isSelected(selectors, resource))
    .map((resource) => ({
      group: resource.group ?? '',
      kind: resource.kind ?? '',
      name: resource.name ?? '',
      ...(resource.namespace ? { namespace: resource.namespace } : {}),
    }));
}

export function formatResourceSelector(selector: ResourceSelector): string {
  const name = selector.namespace === undefined ? selector.name : `${selector.namespace}/${selector.name}`;
  return `${selector.exclude ? '!' : ''}${selector.group}:${selector.kind}:${name}`;
}
