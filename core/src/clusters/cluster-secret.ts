// Parses cluster Secrets. A Secret that cannot be used is one line naming it
// and the field — never a value — and is skipped.
import {
  IN_CLUSTER_NAME,
  IN_CLUSTER_SERVER,
  type ClusterConnectionConfig,
  type ClusterDefinition,
} from './cluster-config';
import { secretValues } from '../kube/secret-values';

export interface ClusterSecretLike {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export interface ParsedClusters {
  clusters: ClusterDefinition[];
  problems: string[];
}

function parseConfig(text: string | undefined): ClusterConnectionConfig {
  if (text === undefined || text.trim() === '') return {};
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    throw new Error(
      'has a "config" that is not JSON — it holds Argo CD\'s ClusterConfig, e.g. {"bearerToken": "…", "tlsClientConfig": {…}}',
    );
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new Error('has a "config" that is not a JSON object');
  return config;
}

function parseOne(secret: ClusterSecretLike): Omit<ClusterDefinition, 'source'> {
  const values = secretValues(secret);
  const server = values.server?.trim().replace(/\/+$/, '');
  if (!server) throw new Error('has no "server" — add the API server URL under data.server');
  const clusterResources = values.clusterResources?.trim().toLowerCase();
  if (
    clusterResources !== undefined &&
    clusterResources !== '' &&
    clusterResources !== 'true' &&
    clusterResources !== 'false'
  ) {
    throw new Error(`has clusterResources="${values.clusterResources ?? ''}" — use true or false`);
  }
  const { 'argocd.argoproj.io/secret-type': _type, ...labels } = secret.metadata?.labels ?? {};
  const shard = values.shard?.trim();
  if (shard && !/^\d+$/.test(shard)) throw new Error(`has shard="${shard}" — use a replica number (0, 1, …)`);
  return {
    name: values.name?.trim() || server,
    server,
    namespaces: (values.namespaces ?? '')
      .split(',')
      .map((namespace) => namespace.trim())
      .filter(Boolean),
    clusterResources: clusterResources === 'true',
    project: values.project?.trim() || undefined,
    ...(shard ? { shard: Number(shard) } : {}),
    labels,
    annotations: { ...secret.metadata?.annotations },
    config: parseConfig(values.config),
  };
}

/** The in-cluster destination Argo CD always has, unless a Secret redefines that server. */
export function inClusterDestination(): ClusterDefinition {
  return {
    name: IN_CLUSTER_NAME,
    server: IN_CLUSTER_SERVER,
    namespaces: [],
    clusterResources: true,
    project: undefined,
    labels: {},
    annotations: {},
    config: {},
    source: '',
  };
}

export function parseClusterSecrets(secrets: readonly ClusterSecretLike[]): ParsedClusters {
  const result: ParsedClusters = { clusters: [], problems: [] };
  for (const secret of secrets) {
    if (secret.metadata?.labels?.['argocd.argoproj.io/secret-type'] !== 'cluster') continue;
    const source = `${secret.metadata.namespace ?? ''}/${secret.metadata.name ?? ''}`;
    try {
      const cluster = { ...parseOne(secret), source };
      const earlier = result.clusters.find((known) => known.server === cluster.server);
      // One live-state cache and one shard per server: a second definition would fight the first.
      if (earlier)
        throw new Error(
          `defines server ${cluster.server}, which cluster Secret ${earlier.source} already defines — remove one of them`,
        );
      result.clusters.push(cluster);
    } catch (error) {
      result.problems.push(`cluster Secret ${source} ${(error as Error).message}`);
    }
  }
  if (!result.clusters.some((cluster) => cluster.server === IN_CLUSTER_SERVER))
    result.clusters.unshift(inClusterDestination());
  return result;
}
