// The project's rules applied to the resources of one refresh: desired
// manifests the project (or the cluster Secret's scope) does not permit
// become conditions — never applied, since the sync engine refuses them too;
// live objects it does not permit leave the comparison, as in Argo CD; and
// when the project monitors orphaned resources, the objects in the
// destination namespace no app tracks are counted and, with `warn`, reported,
// and handed on for the resource tree's orphanedNodes.
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { isResourcePermitted, type CompiledProject } from '../../projects/enforcement';
import {
  orphanDescendantFilter,
  orphanedResources,
  type LiveResource,
} from '../../projects/enforcement/orphaned-resources';
import { cacheKey, keyOf, type CachedObject, type LiveObject } from '../live-state/cached-object';
import { type ClusterCache } from '../live-state/cluster-cache';
import { type NewCondition } from '../status/conditions';
import { refOf } from '../tree/build-tree';
import { type RefreshOrphans } from '../tree/refresh-observer';
import { groupOf } from './live-objects';

export interface ProjectResourceInput {
  project: CompiledProject;
  cluster: ClusterDefinition;
  cache: ClusterCache;
  desired: readonly LiveObject[];
  live: readonly CachedObject[];
  destinationNamespace: string;
  isKnownApplication: (instance: string) => boolean;
}

export interface ProjectResourceChecks {
  conditions: NewCondition[];
  /** Keys of live objects the project does not permit. */
  forbiddenLive: Set<string>;
  /** Undefined when the project does not monitor orphaned resources (or the destination has no namespace). */
  orphans?: RefreshOrphans;
}

export function projectResourceChecks(input: ProjectResourceInput): ProjectResourceChecks {
  const { project, cluster, cache } = input;
  const conditions: NewCondition[] = [];
  const managedKeys = new Set<string>();
  for (const manifest of input.desired) {
    const group = groupOf(manifest.apiVersion);
    const kind = manifest.kind ?? '';
    const namespaced = cache.isNamespaced(group, kind) ?? true;
    const namespace = namespaced ? manifest.metadata?.namespace || input.destinationNamespace : '';
    const name = manifest.metadata?.name ?? '';
    managedKeys.add(cacheKey(group, kind, namespace, name));
    const verdict = isResourcePermitted(project, { group, kind, namespace, name }, namespaced, cluster);
    if (!verdict.permitted) conditions.push({ type: 'InvalidSpecError', message: verdict.message });
  }
  const forbiddenLive = new Set<string>();
  for (const object of input.live) {
    const ref = { group: object.type.group, kind: object.type.kind, namespace: object.namespace, name: object.name };
    if (!isResourcePermitted(project, ref, object.type.namespaced, cluster).permitted) forbiddenLive.add(keyOf(object));
    managedKeys.add(keyOf(object));
  }
  if (project.orphanedResources === undefined || input.destinationNamespace === '')
    return { conditions, forbiddenLive };
  const options = {
    destinationNamespace: input.destinationNamespace,
    destinationCluster: cluster,
    isKnownApplication: input.isKnownApplication,
  };
  const candidates = cache.inNamespace(input.destinationNamespace).map(orphanCandidate);
  const found = orphanedResources(project, candidates, managedKeys, options);
  if (found.condition) conditions.push(found.condition);
  const admits = orphanDescendantFilter(project, options);
  const orphans: RefreshOrphans = {
    // The descendants are walked again by the tree, through the owner index, so a Pod created later is seen.
    roots: found.resources.filter((resource) => !resource.ownerUids?.length).map((resource) => resource.object),
    admits: (object) => admits(orphanCandidate(object)),
  };
  return { conditions, forbiddenLive, orphans };
}

function orphanCandidate(object: CachedObject): LiveResource & { object: CachedObject } {
  return {
    ...refOf(object),
    ...(object.ownerUids ? { ownerUids: object.ownerUids } : {}),
    ...(object.appInstance !== undefined ? { appInstance: object.appInstance } : {}),
    object,
  };
}
