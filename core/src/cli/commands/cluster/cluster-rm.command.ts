// `driftless cluster rm SERVER|NAME...`: through the server's deleteCluster
// when logged in; with --core (or --kubeconfig) removes cluster Secrets from
// the control-plane namespace directly, as Argo CD does — a Secret Argo CD or Driftless
// created (managed-by annotation) is deleted; one written by hand only loses
// its cluster label, so whatever else declared it keeps its object. The
// in-cluster destination has no Secret and cannot be removed. What `cluster
// add` installed in the removed cluster (argocd-manager and its role) stays.
import { CoreV1Api, type V1Secret } from '@kubernetes/client-node';
import { Command } from 'commander';
import { type ClusterConnection } from '../../../kube/cluster-connection';
import { connectControlPlane } from '../../client/control-plane-access';
import { graphqlRequest } from '../../client/graphql-client';
import { CliError } from '../../exit-codes';
import { coreMode, type AppCommandOptions } from '../app/app-options';
import { withModeOptions } from '../repo-write.commands';
import { findCluster, readClusterSecrets } from './cluster-lookup';
import {
  CLUSTER_SECRET_TYPE_LABEL,
  MANAGED_BY_ANNOTATION,
  MANAGED_BY_ARGOCD,
} from '../../../clusters/api/cluster-secret-spec';
import { confirm, isInteractive } from './confirm';
import { describeKubeError } from './kube-errors';

interface RmOptions extends AppCommandOptions {
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

/** Argo CD's prompt, for a person at a terminal without --yes. */
async function confirmed(selector: string, options: RmOptions): Promise<boolean> {
  if (!isInteractive() || options.yes) return true;
  const proceed = await confirm(
    `Are you sure you want to remove '${selector}'? Any Apps deploying to this cluster will go to health status Unknown.[y/n] `,
  );
  if (!proceed) process.stdout.write(`The command to remove '${selector}' was cancelled.\n`);
  return proceed;
}

export function clusterRmCommand(): Command {
  const command = new Command('rm')
    .description('remove clusters (their cluster Secrets)')
    .argument('<server-or-name...>', 'cluster server URL or name')
    .option('-y, --yes', 'do not ask for confirmation');
  return withModeOptions(command).action(async (selectors: string[], options: RmOptions, self: Command) => {
    if (!coreMode(self, options)) {
      for (const selector of selectors) {
        if (!(await confirmed(selector, options))) continue;
        await graphqlRequest(options, 'mutation ($cluster: String!) { deleteCluster(cluster: $cluster) }', {
          cluster: selector,
        });
        process.stdout.write(`Cluster '${selector}' removed\n`);
      }
      return;
    }
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
      if (!(await confirmed(selector, options))) continue;
      const deleted = await removeSecret(connection, options.namespace, secret);
      if (!deleted)
        process.stderr.write(
          `Secret ${options.namespace}/${secret.metadata?.name ?? ''} was not created by a CLI (no ${MANAGED_BY_ANNOTATION} annotation): kept, without its ${CLUSTER_SECRET_TYPE_LABEL} label\n`,
        );
      process.stdout.write(`Cluster '${selector}' removed\n`);
    }
  });
}
