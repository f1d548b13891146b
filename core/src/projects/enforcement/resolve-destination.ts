// Argo CD's GetDestinationCluster: an Application names its cluster by `server` or by `name`
// (not both); by name it must resolve to exactly one cluster. Messages are Argo CD's.
import { type ApplicationDestination } from '@driftless/schema';
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { type ClusterLookup } from './cluster-lookup';
import { messages } from './messages';

export type DestinationResolution = { cluster: ClusterDefinition } | { error: string };

export function resolveDestinationCluster(
  destination: ApplicationDestination,
  clusters: ClusterLookup,
): DestinationResolution {
  const server = destination.server ?? '';
  const name = destination.name ?? '';
  if (server !== '' && name !== '') return { error: messages.destinationNameAndServer(name, server) };
  if (server !== '') {
    const cluster = clusters.byServer(server);
    return cluster ? { cluster } : { error: messages.clusterServerNotFound(server) };
  }
  if (name !== '') {
    const named = clusters.byName(name);
    if (named.length === 0) return { error: messages.noClusterNamed(name) };
    if (named.length > 1) return { error: messages.ambiguousClusterName(named.map((cluster) => cluster.server)) };
    return { cluster: named[0] as ClusterDefinition };
  }
  return { error: messages.destinationMissing };
}
