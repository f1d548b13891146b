// Finds the cluster a `cluster rm|get` argument names, as Argo CD's CLI reads
// it: an http(s) URL is a server, anything else a cluster name. The in-cluster
// destination exists without a Secret.
import { CoreV1Api, type V1Secret } from '@kubernetes/client-node';
import { type ClusterDefinition } from '../../../clusters/cluster-config';
import { parseClusterSecrets } from '../../../clusters/cluster-secret';
import { type ClusterConnection } from '../../../kube/cluster-connection';
import { CliError, ExitCode } from '../../exit-codes';
import { CLUSTER_SECRET_TYPE_LABEL } from '../../../clusters/api/cluster-secret-spec';
import { describeKubeError } from './kube-errors';

export interface FoundCluster {
  cluster: ClusterDefinition;
  /** Undefined for the built-in in-cluster destination. */
  secret: V1Secret | undefined;
}

export interface ClusterSecrets {
  clusters: FoundCluster[];
  problems: string[];
}

export async function readClusterSecrets(connection: ClusterConnection, namespace: string): Promise<ClusterSecrets> {
  let secrets: V1Secret[];
  try {
    secrets = (
      await connection.kubeConfig
        .makeApiClient(CoreV1Api)
        .listNamespacedSecret({ namespace, labelSelector: `${CLUSTER_SECRET_TYPE_LABEL}=cluster` })
    ).items;
  } catch (error) {
    throw new CliError(
      `cannot read cluster Secrets in namespace ${namespace} of ${connection.server} (context ${connection.context}): ${describeKubeError(error)}`,
      ExitCode.unreachable,
    );
  }
  const bySource = new Map(secrets.map((secret) => [`${namespace}/${secret.metadata?.name ?? ''}`, secret]));
  const parsed = parseClusterSecrets(
    secrets.map((secret) => ({ ...secret, metadata: { ...secret.metadata, namespace } })),
  );
  return {
    clusters: parsed.clusters.map((cluster) => ({ cluster, secret: bySource.get(cluster.source) })),
    problems: parsed.problems,
  };
}

export const isServerSelector = (selector: string): boolean => /^https?:\/\//.test(selector);

/** The one cluster `selector` names; a clear error when none, or several by name. */
export function findCluster(found: ClusterSecrets, selector: string, namespace: string): FoundCluster {
  const byServer = isServerSelector(selector);
  const wanted = byServer ? selector.replace(/\/+$/, '') : selector;
  const matches = found.clusters.filter((candidate) =>
    byServer ? candidate.cluster.server === wanted : candidate.cluster.name === wanted,
  );
  if (matches.length > 1)
    throw new CliError(
      `${matches.length} clusters are named "${selector}" (${matches.map((match) => match.cluster.server).join(', ')}) — name one by its server URL`,
    );
  const match = matches[0];
  if (match) return match;
  const broken = found.problems.length > 0 ? ` (unreadable cluster Secrets skipped: ${found.problems.join('; ')})` : '';
  throw new CliError(
    `no cluster ${byServer ? 'with server' : 'named'} ${selector} in namespace ${namespace} — list them with: driftless cluster list${broken}`,
  );
}
