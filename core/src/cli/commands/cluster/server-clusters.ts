// Clusters as the server's `clusters` query shows them (what the caller may
// see, no credentials), and how a SERVER|NAME argument picks one.
import { graphqlRequest } from '../../client/graphql-client';
import { type ServerOptions } from '../../client/server-options';
import { CliError } from '../../exit-codes';
import { isServerSelector } from './cluster-lookup';

export interface ServerClusterView {
  name: string;
  server: string;
  namespaces: string[];
  clusterResources: boolean;
  project: string | null;
  authentication: string;
  insecure: boolean;
  source: string;
}

export const SERVER_CLUSTER_FIELDS = 'name server namespaces clusterResources project authentication insecure source';

export async function fetchServerClusters(options: ServerOptions): Promise<ServerClusterView[]> {
  const { clusters } = await graphqlRequest<{ clusters: ServerClusterView[] }>(
    options,
    `{ clusters { ${SERVER_CLUSTER_FIELDS} } }`,
  );
  return clusters;
}

/** An http(s) URL is a server, anything else a name; several clusters of one name are an error. */
export function selectServerCluster(clusters: ServerClusterView[], selector: string): ServerClusterView | undefined {
  const byServer = isServerSelector(selector);
  const wanted = byServer ? selector.replace(/\/+$/, '') : selector;
  const matches = clusters.filter((cluster) => (byServer ? cluster.server === wanted : cluster.name === wanted));
  if (matches.length > 1)
    throw new CliError(`${matches.length} clusters are named "${selector}" — name one by its server URL`);
  return matches[0];
}
