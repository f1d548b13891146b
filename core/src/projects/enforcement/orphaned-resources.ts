// Orphaned resources of one Application, as Argo CD's controller finds them (getResourceTree):
// only when the project sets spec.orphanedResources, only top-level objects (no ownerReferences)
// in the Application's destination namespace that it does not manage, minus the namespaced kinds
// the project forbids, Argo CD's fixed exceptions and the project's ignore list. Each orphan's
// descendants (through ownerReferences) are listed and counted too, except objects tracked by
// another existing Application and objects the project would not permit there.
import { formatResourceKey } from '@driftless/diff';
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { type CompiledProject } from './compile-project';
import { messages } from './messages';
import { projectPermitsResource } from './resource-permission';

export interface LiveResource {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
  /** UIDs from metadata.ownerReferences. */
  readonly ownerUids?: readonly string[];
  /** The Application instance its tracking label/annotation names, if any. */
  readonly appInstance?: string;
}

export interface OrphanedResourcesOptions {
  readonly destinationNamespace: string;
  readonly destinationCluster: Pick<ClusterDefinition, 'name' | 'server'>;
  /** Whether an Application instance exists; by default every tracked instance counts as existing. */
  readonly isKnownApplication?: (instance: string) => boolean;
}

export interface OrphanedResourcesResult<T extends LiveResource = LiveResource> {
  /** False when the project does not monitor orphaned resources. */
  readonly monitored: boolean;
  /** The orphans and their descendants, by resource key. */
  readonly resources: readonly T[];
  readonly condition?: { readonly type: 'OrphanedResourceWarning'; readonly message: string };
}

/** The diff engine's key form, as the controller's managed keys are written. */
export const resourceKey: (resource: Pick<LiveResource, 'group' | 'kind' | 'namespace' | 'name'>) => string =
  formatResourceKey;

/**
 * Whether an object reached from an orphan is listed with it (Argo CD's
 * IterateHierarchy callback): not tracked by another existing Application,
 * and permitted by the project there. Not descended into otherwise.
 */
export function orphanDescendantFilter(
  project: CompiledProject,
  options: OrphanedResourcesOptions,
): (resource: LiveResource) => boolean {
  const isKnownApplication = options.isKnownApplication ?? (() => true);
  return (resource) =>
    (resource.appInstance === undefined || resource.appInstance === '' || !isKnownApplication(resource.appInstance)) &&
    projectPermitsResource(project, resource, true, options.destinationCluster).permitted;
}

export function orphanedResources<T extends LiveResource>(
  project: CompiledProject,
  liveResources: readonly T[],
  managedKeys: ReadonlySet<string>,
  options: OrphanedResourcesOptions,
): OrphanedResourcesResult<T> {
  const settings = project.orphanedResources;
  if (settings === undefined) return { monitored: false, resources: [] };
  const { destinationNamespace } = options;
  const isTopLevelOrphan = (resource: LiveResource) =>
    destinationNamespace !== '' &&
    resource.namespace === destinationNamespace &&
    (resource.ownerUids?.length ?? 0) === 0 &&
    !managedKeys.has(resourceKey(resource)) &&
    project.resourceKinds.isPermitted(resource.group, resource.kind, resource.name, true) &&
    !isKnownException(resource) &&
    !settings.isIgnored(resource.group, resource.kind, resource.name);
  const belongs = orphanDescendantFilter(project, options);

  const children = childrenByOwner(liveResources);
  const found: T[] = [];
  const visited = new Set<T>();
  const pending = liveResources.filter(isTopLevelOrphan);
  while (pending.length > 0) {
    const resource = pending.pop() as T;
    if (visited.has(resource)) continue;
    visited.add(resource);
    if (!belongs(resource)) continue;
    found.push(resource);
    if (resource.uid !== undefined) pending.push(...(children.get(resource.uid) ?? []));
  }
  found.sort((left, right) => compareKeys(resourceKey(left), resourceKey(right)));
  if (!settings.warn || found.length === 0) return { monitored: true, resources: found };
  return {
    monitored: true,
    resources: found,
    condition: { type: 'OrphanedResourceWarning', message: messages.orphanedResources(found.length) },
  };
}

/** Objects Kubernetes creates in every namespace, which no user manages. */
function isKnownException(resource: LiveResource): boolean {
  if (resource.group !== '') return false;
  return (
    (resource.kind === 'Service' && resource.name === 'kubernetes' && resource.namespace === 'default') ||
    (resource.kind === 'ServiceAccount' && resource.name === 'default') ||
    (resource.kind === 'ConfigMap' && resource.name === 'kube-root-ca.crt')
  );
}

function childrenByOwner<T extends LiveResource>(resources: readonly T[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const resource of resources) {
    for (const owner of resource.ownerUids ?? []) {
      const list = index.get(owner);
      if (list) list.push(resource);
      else index.set(owner, [resource]);
    }
  }
  return index;
}

function compareKeys(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
