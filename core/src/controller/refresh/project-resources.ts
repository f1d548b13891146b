// The project's rules applied to the resources of one refresh: desired
// manifests the project (or the cluster Secret's scope) does not permit
// become conditions — never applied, since the sync engine refuses them too;
// live objects it does not permit leave the comparison, as in Argo CD; and
// when the project monitors orphaned resources, the objects in the
// destination namespace no app tracks are counted and, with `warn`, reported.
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { isResourcePermitted, orphanedResources, type CompiledProject } from '../../projects/enforcement';
import { cacheKey, keyOf, type CachedObject, type LiveObject } from '../live-state/cached-object';
import { type ClusterCache } from '../live-state/cluster-cache';
import { type NewCondition } from '../status/conditions';
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
  if (project.orphanedResources !== undefined && input.destinationNamespace !== '') {
    const candidates = cache.inNamespace(input.destinationNamespace).map((object) => ({
      group: object.type.group,
      kind: object.type.kind,
      namespace: object.namespace,
      name: object.name,
      uid: object.uid,
      ...(object.ownerUids ? { ownerUids: object.ownerUids } : {}),
      ...(object.appInstance !== undefined ? { appInstance: object.appInstance } : {}),
    }));
    const orphans = orphanedResources(project, candidates, managedKeys, {
      destinationNamespace: input.destinationNamespace,
      destinationCluster: cluster,
      isKnownApplication: input.isKnownApplication,
    });
    if (orphans.condition) conditions.push(orphans.condition);
  }
  return { conditions, forbiddenLive };
}
