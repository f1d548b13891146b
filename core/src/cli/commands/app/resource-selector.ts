// `--resource GROUP:KIND:NAME` (or GROUP:KIND:NAMESPACE/NAME; a leading `!`
// excludes; `*` matches anything in a field), Argo CD's selective-sync
// syntax. The CLI resolves the selectors against the resources the app
// manages (status.resources) and sends the exact list, as `argocd app sync`
// does, so the controller only ever sees concrete resources. Pure.
import { type ResourceStatus, type SyncOperationResource } from '@driftless/schema';
import { InvalidArgumentError } from 'commander';

export interface ResourceSelector {
  group: string;
  kind: string;
  name: string;
  /** Only when given as NAMESPACE/NAME. */
  namespace?: string;
  exclude: boolean;
}

/** Parses one --resource value; for commander's argParser (a bad value is a usage error). */
export function parseResourceSelector(text: string): ResourceSelector {
  const exclude = text.startsWith('!');
  const body = exclude ? text.slice(1) : text;
  const fields = body.split(':');
  if (fields.length !== 3)
    throw new InvalidArgumentError(`resource should be GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME, got "${text}"`);
  const [group = '', kind = '', qualified = ''] = fields;
  const nameParts = qualified.split('/');
  if (nameParts.length > 2 || kind === '' || nameParts.some((part) => part === ''))
    throw new InvalidArgumentError(
      `resource should be GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME (an empty group for core kinds, e.g. :Service:web), got "${text}"`,
    );
  const [first = '', second] = nameParts;
  return second === undefined
    ? { group, kind, name: first, exclude }
    : { group, kind, namespace: first, name: second, exclude };
}

export function collectResourceSelector(text: string, previous: ResourceSelector[] = []): ResourceSelector[] {
  return [...previous, parseResourceSelector(text)];
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
