// May this object be deployed by an Application of this project to this cluster? Checked in the
// order a user meets the refusals in Argo CD:
// 1. cluster Secret scope (gitops-engine's live-state load): a cluster restricted to `namespaces`
//    holds cluster-scoped objects only with `clusterResources: true`, and namespaced objects only
//    in the listed namespaces;
// 2. the project's resource lists (group/kind, and name for cluster-scoped kinds);
// 3. for namespaced objects, the project's destinations for the object's own namespace.
// Without a destination cluster only step 2 runs.
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { type CompiledProject } from './compile-project';
import { isClusterDestinationPermitted } from './destination-permission';
import { messages } from './messages';

export interface ResourceRef {
  readonly group: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
}

export type ResourceRule = 'cluster-scope' | 'cluster-namespace' | 'project-kind' | 'project-namespace';

export type ResourceVerdict =
  { readonly permitted: true } | { readonly permitted: false; readonly rule: ResourceRule; readonly message: string };

const PERMITTED: ResourceVerdict = { permitted: true };

export function isResourcePermitted(
  project: CompiledProject,
  resource: ResourceRef,
  namespaced: boolean,
  destinationCluster?: ClusterDefinition,
): ResourceVerdict {
  const name = resource.name ?? '';
  const namespace = resource.namespace ?? '';
  if (destinationCluster && destinationCluster.namespaces.length > 0) {
    if (!namespaced && !destinationCluster.clusterResources) {
      return refuse('cluster-scope', messages.clusterScopedInNamespacedMode(resource.kind, name));
    }
    if (namespaced && !destinationCluster.namespaces.includes(namespace)) {
      return refuse('cluster-namespace', messages.namespaceNotManaged(namespace, resource.kind, name));
    }
  }
  return projectPermitsResource(project, resource, namespaced, destinationCluster);
}

/** Steps 2 and 3 only: Argo CD's AppProject.IsResourcePermitted. */
export function projectPermitsResource(
  project: CompiledProject,
  resource: ResourceRef,
  namespaced: boolean,
  destinationCluster?: Pick<ClusterDefinition, 'name' | 'server'>,
): ResourceVerdict {
  if (!project.resourceKinds.isPermitted(resource.group, resource.kind, resource.name ?? '', namespaced)) {
    return refuse('project-kind', messages.resourceNotPermitted(resource.group, resource.kind, project.name));
  }
  const namespace = resource.namespace ?? '';
  if (namespaced && destinationCluster && !isClusterDestinationPermitted(project, destinationCluster, namespace)) {
    return refuse('project-namespace', messages.namespaceNotPermitted(namespace, project.name));
  }
  return PERMITTED;
}

function refuse(rule: ResourceRule, message: string): ResourceVerdict {
  return { permitted: false, rule, message };
}
