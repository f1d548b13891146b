// What may be shown of a cluster: where it is and how it is reached, never a credential.
import { redactUrlCredentials } from '../logging/redaction';
import { type ClusterDefinition } from './cluster-config';

export interface ClusterDescription {
  name: string;
  server: string;
  namespaces: string[];
  clusterResources: boolean;
  project: string | undefined;
  labels: Record<string, string>;
  /** bearerToken, basic, tlsClientCert, exec, aws, or none: how it authenticates, not with what. */
  authentication: string;
  insecure: boolean;
  source: string;
}

function authenticationOf(cluster: ClusterDefinition): string {
  const { config } = cluster;
  if (config.execProviderConfig) return 'exec';
  if (config.awsAuthConfig) return 'aws';
  if (config.bearerToken) return 'bearerToken';
  if (config.tlsClientConfig?.certData) return 'tlsClientCert';
  if (config.username) return 'basic';
  return cluster.source === '' ? 'in-cluster' : 'none';
}

export function describeCluster(cluster: ClusterDefinition): ClusterDescription {
  return {
    name: cluster.name,
    server: redactUrlCredentials(cluster.server),
    namespaces: cluster.namespaces,
    clusterResources: cluster.clusterResources,
    project: cluster.project,
    labels: cluster.labels,
    authentication: authenticationOf(cluster),
    insecure: cluster.config.tlsClientConfig?.insecure === true,
    source: cluster.source,
  };
}
