// Which replica refreshes an app: the one owning its destination cluster
// (controller/sharding). An app whose destination does not resolve belongs
// to the owner of the in-cluster destination, so its InvalidSpecError is
// still reported — by exactly one replica.
import { type Application } from '@driftless/schema';
import { IN_CLUSTER_SERVER, type ClusterDefinition } from '../clusters/cluster-config';
import { clusterLookup, resolveDestinationCluster, type ClusterLookup } from '../projects/enforcement';
import { type ShardCluster } from './sharding';

const lookups = new WeakMap<readonly ClusterDefinition[], ClusterLookup>();

export function shardServerOf(app: Application, clusters: readonly ClusterDefinition[]): string {
  if (!app.spec.destination) return IN_CLUSTER_SERVER;
  let lookup = lookups.get(clusters);
  if (!lookup) lookups.set(clusters, (lookup = clusterLookup(clusters)));
  const resolved = resolveDestinationCluster(app.spec.destination, lookup);
  return 'cluster' in resolved ? resolved.cluster.server : IN_CLUSTER_SERVER;
}

export function shardClusters(clusters: readonly ClusterDefinition[]): ShardCluster[] {
  return clusters.map((cluster) => ({
    server: cluster.server,
    ...(cluster.shard !== undefined ? { pinnedShard: cluster.shard } : {}),
  }));
}
