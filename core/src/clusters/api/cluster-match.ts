// Which stored cluster a request names, and how it is removed. Pure.
import { type V1Secret } from '@kubernetes/client-node';
import { type ClusterDefinition, IN_CLUSTER_SERVER } from '../cluster-config';
import { inClusterDestination, parseClusterSecrets } from '../cluster-secret';
import { CLUSTER_SECRET_TYPE_LABEL, MANAGED_BY_ANNOTATION, MANAGED_BY_ARGOCD } from './cluster-secret-spec';

export interface StoredCluster {
  cluster: ClusterDefinition;
  /** Undefined for the built-in in-cluster destination. */
  secret: V1Secret | undefined;
}

/** Every cluster the Secrets of `namespace` define, the built-in in-cluster one included unless a Secret redefines it. */
export function storedClusters(secrets: readonly V1Secret[], namespace: string): StoredCluster[] {
  const bySource = new Map(secrets.map((secret) => [`${namespace}/${secret.metadata?.name ?? ''}`, secret]));
  const { clusters } = parseClusterSecrets(
    secrets.map((secret) => ({ ...secret, metadata: { ...secret.metadata, namespace } })),
  );
  const found = clusters.map((cluster) => ({ cluster, secret: bySource.get(cluster.source) }));
  if (!found.some((entry) => entry.cluster.server === IN_CLUSTER_SERVER))
    found.unshift({ cluster: inClusterDestination(), secret: undefined });
  return found;
}

/** An http(s) URL names a server, anything else a cluster name (as Argo CD's CLI reads it). */
export function selectCluster(clusters: readonly StoredCluster[], selector: string): StoredCluster[] {
  const byServer = /^https?:\/\//.test(selector);
  const wanted = byServer ? selector.replace(/\/+$/, '') : selector;
  return clusters.filter((entry) => (byServer ? entry.cluster.server === wanted : entry.cluster.name === wanted));
}

/** Argo CD's cluster RBAC object: the server, prefixed by the project of a project-scoped cluster. */
export const clusterRbacObject = (cluster: { server: string; project?: string | undefined }): string =>
  cluster.project ? `${cluster.project}/${cluster.server}` : cluster.server;

/**
 * How a cluster Secret is removed, as Argo CD does: one a CLI or the API
 * created (managed-by annotation) is deleted; one written by hand only loses
 * its cluster label, so whatever declared it keeps its object.
 */
export function removal(secret: V1Secret): { delete: true } | { delete: false; replacement: V1Secret } {
  if (secret.metadata?.annotations?.[MANAGED_BY_ANNOTATION] === MANAGED_BY_ARGOCD) return { delete: true };
  const { [CLUSTER_SECRET_TYPE_LABEL]: _removed, ...labels } = secret.metadata?.labels ?? {};
  return { delete: false, replacement: { ...secret, metadata: { ...secret.metadata, labels } } };
}
