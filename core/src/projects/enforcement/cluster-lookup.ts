// The known destination clusters, indexed once per cluster-list change: the in-cluster
// destination plus cluster Secrets, as the clusters module describes them.
import { type ClusterDefinition } from '../../clusters/cluster-config';

export interface ClusterLookup {
  readonly all: readonly ClusterDefinition[];
  byServer(server: string): ClusterDefinition | undefined;
  /** Every cluster with this name; more than one makes a destination by name ambiguous. */
  byName(name: string): readonly ClusterDefinition[];
  /** Clusters whose Secret sets `project` to this project. */
  scopedTo(project: string): readonly ClusterDefinition[];
}

export function clusterLookup(clusters: readonly ClusterDefinition[]): ClusterLookup {
  const servers = new Map<string, ClusterDefinition>();
  const names = new Map<string, ClusterDefinition[]>();
  const projects = new Map<string, ClusterDefinition[]>();
  for (const cluster of clusters) {
    if (!servers.has(cluster.server)) servers.set(cluster.server, cluster);
    append(names, cluster.name, cluster);
    if (cluster.project !== undefined && cluster.project !== '') append(projects, cluster.project, cluster);
  }
  return {
    all: clusters,
    byServer: (server) => servers.get(server),
    byName: (name) => names.get(name) ?? [],
    scopedTo: (project) => projects.get(project) ?? [],
  };
}

function append(index: Map<string, ClusterDefinition[]>, key: string, cluster: ClusterDefinition): void {
  const list = index.get(key);
  if (list) list.push(cluster);
  else index.set(key, [cluster]);
}
