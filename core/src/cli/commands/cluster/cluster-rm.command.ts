// `driftless cluster rm SERVER|NAME...`: removes cluster Secrets from the
// control-plane namespace as Argo CD does — a Secret Argo CD or Driftless
// created (managed-by annotation) is deleted; one written by hand only loses
// its cluster label, so whatever else declared it keeps its object. The
// in-cluster destination has no Secret and cannot be removed. What `cluster
// add` installed in the removed cluster (argocd-manager and its role) stays.
import { CoreV1Api, type V1Secret } from '@kubernetes/client-node';
import { Command } from 'commander';
import { type ClusterConnection } from '../../../kube/cluster-connection';
import {
  addControlPlaneOptions,
  connectControlPlane,
  type ControlPlaneOptions,
} from '../../client/control-plane-access';
import { CliError } from '../../exit-codes';
import { findCluster, readClusterSecrets } from './cluster-lookup';
import { CLUSTER_SECRET_TYPE_LABEL, MANAGED_BY_ANNOTATION, MANAGED_BY_ARGOCD } from './cluster-secret-spec';
import { confirm, isInteractive } from './confirm';
import { describeKubeError } from './kube-errors';

interface RmOptions extends ControlPlaneOptions {
  yes?: boolean;
}

async function removeSecret(connection: ClusterConnection, namespace: string, secret: V1Secret): Promise<boolean> {
  const api = connection.kubeConfig.makeApiClient(CoreV1Api);
  const name = secret.metadata?.name ?? '';
  const managed = secret.metadata?.annotations?.[MANAGED_BY_ANNOTATION] === MANAGED_BY_ARGOCD;
  try {
    if (managed) {
      await api.deleteNamespacedSecret({ name, namespace });
    } else {
      const { [CLUSTER_SECRET_TYPE_LABEL]: _removed, ...labels } = secret.metadata?.labels ?? {};
      await api.replaceNamespacedSecret({
        name,
        namespace,
        body: { ...secret, metadata: { ...secret.metadata, labels } },
      });
    }
  } catch (error) {
    throw new CliError(`cannot remove Secret ${namespace}/${name}: ${describeKubeError(error)}`);
  }
  return managed;
}

export function clusterRmCommand(): Command {
  const command = new Command('rm')
    .description('remove clusters (their cluster Secrets)')
    .argument('<server-or-name...>', 'cluster server URL or name')
    .option('-y, --yes', 'do not ask for confirmation');
  return addControlPlaneOptions(command).action(async (selectors: string[], options: RmOptions) => {
    const connection = connectControlPlane(options);
    for (const selector of selectors) {
      const { cluster, secret } = findCluster(
        await readClusterSecrets(connection, options.namespace),
        selector,
        options.namespace,
      );
      if (!secret)
        throw new CliError(
          `${cluster.name} (${cluster.server}) is the built-in in-cluster destination, not a cluster Secret — there is nothing to remove`,
        );
      if (isInteractive() && !options.yes) {
        const proceed = await confirm(
          `Are you sure you want to remove '${selector}'? Any Apps deploying to this cluster will go to health status Unknown.[y/n] `,
        );
        if (!proceed) {
          process.stdout.write(`The command to remove '${selector}' was cancelled.\n`);
          continue;
        }
      }
      const deleted = await removeSecret(connection, options.namespace, secret);
      if (!deleted)
        process.stderr.write(
          `Secret ${options.namespace}/${secret.metadata?.name ?? ''} was not created by a CLI (no ${MANAGED_BY_ANNOTATION} annotation): kept, without its ${CLUSTER_SECRET_TYPE_LABEL} label\n`,
        );
      process.stdout.write(`Cluster '${selector}' removed\n`);
    }
  });
}
