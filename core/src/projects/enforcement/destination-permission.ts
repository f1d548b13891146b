// Argo CD's IsDestinationPermitted (v3): the destination is first resolved to a known cluster,
// then the cluster's server and name and the namespace are matched against spec.destinations.
// - An entry allows when (its server matches or its name matches) and its namespace matches.
// - A `!` entry that the destination violates rejects it at once: a negated name, or a negated
//   server while the namespace matches, or a negated namespace while the server matches.
// - With permitOnlyProjectScopedClusters the cluster must also be one whose Secret names this
//   project (compared by name or by server, as Argo CD does).
import { type ApplicationDestination } from '@driftless/schema';
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { type ClusterLookup } from './cluster-lookup';
import { type CompiledProject } from './compile-project';
import { resolveDestinationCluster } from './resolve-destination';

export type ClusterIdentity = Pick<ClusterDefinition, 'name' | 'server'>;

export type DestinationVerdict =
  | { readonly permitted: true; readonly cluster: ClusterDefinition }
  | { readonly permitted: false; readonly cluster: ClusterDefinition | undefined; readonly unresolved?: string };

/** Resolves the destination's cluster and checks it; `unresolved` holds Argo CD's lookup error. */
export function checkDestination(
  project: CompiledProject,
  destination: ApplicationDestination,
  clusters: ClusterLookup,
): DestinationVerdict {
  const resolved = resolveDestinationCluster(destination, clusters);
  if ('error' in resolved) return { permitted: false, cluster: undefined, unresolved: resolved.error };
  const permitted = isClusterDestinationPermitted(project, resolved.cluster, destination.namespace ?? '');
  return { permitted, cluster: resolved.cluster };
}

export function isDestinationPermitted(
  project: CompiledProject,
  destination: ApplicationDestination,
  clusters: ClusterLookup,
): boolean {
  return checkDestination(project, destination, clusters).permitted;
}

/** For a cluster already resolved (e.g. checking the namespace of each object of an app). */
export function isClusterDestinationPermitted(
  project: CompiledProject,
  cluster: ClusterIdentity,
  namespace: string,
): boolean {
  const key = `${cluster.server}\u0000${cluster.name}\u0000${namespace}`;
  const matched = project.memo.destinations.get(key, () => destinationMatched(project, cluster, namespace));
  if (!matched || !project.permitOnlyProjectScopedClusters) return matched;
  return project.scopedClusters.some((scoped) => scoped.name === cluster.name || scoped.server === cluster.server);
}

function destinationMatched(project: CompiledProject, cluster: ClusterIdentity, namespace: string): boolean {
  let anyMatched = false;
  for (const entry of project.destinations) {
    const nameMatched = cluster.name !== '' && entry.name.matches(cluster.name);
    const serverMatched = cluster.server !== '' && entry.server.matches(cluster.server);
    const namespaceMatched = entry.namespace.matches(namespace);
    if ((serverMatched || nameMatched) && namespaceMatched) {
      anyMatched = true;
    } else if (
      (!nameMatched && entry.name.deny) ||
      (!serverMatched && entry.server.deny && namespaceMatched) ||
      (!namespaceMatched && entry.namespace.deny && serverMatched)
    ) {
      return false;
    }
  }
  return anyMatched;
}
