// `driftless cluster set SERVER|NAME`: Argo CD's `cluster set` — rename a
// cluster, change the namespaces it may manage, its project, labels or
// annotations, through the server's updateCluster (credentials stay as they
// are; the in-cluster destination may be renamed or narrowed too).
import { Command } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { collect, keyValue } from './flag-values';

interface SetOptions extends ServerOptions {
  name?: string;
  namespace?: string[];
  clusterResources?: boolean;
  project?: string;
  label?: Record<string, string>;
  annotation?: Record<string, string>;
}

const UPDATE_CLUSTER =
  'mutation ($cluster: String!, $update: ClusterUpdateInput!) { updateCluster(cluster: $cluster, update: $update) { server } }';

export function clusterSetCommand(): Command {
  const command = new Command('set')
    .description('change name, namespaces, project, labels or annotations of a cluster (through the server)')
    .argument('<server-or-name>', 'cluster server URL or name')
    .option('--name <name>', 'new cluster name')
    .option('--namespace <namespace>', 'a namespace Driftless may manage (repeatable; "*" for all)', collect)
    .option('--cluster-resources', 'manage cluster-scoped resources too (with --namespace)')
    .option('--project <project>', 'restrict the cluster to a project ("" removes the restriction)')
    .option('--label <key=value>', 'label of the cluster Secret (repeatable; replaces its labels)', keyValue)
    .option('--annotation <key=value>', 'annotation of the cluster Secret (repeatable; replaces them)', keyValue);
  return addServerOptions(command).action(async (selector: string, options: SetOptions) => {
    const update = {
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.namespace !== undefined
        ? { namespaces: options.namespace.includes('*') ? [] : options.namespace }
        : {}),
      ...(options.clusterResources ? { clusterResources: true } : {}),
      ...(options.project !== undefined ? { project: options.project } : {}),
      ...(options.label !== undefined ? { labels: options.label } : {}),
      ...(options.annotation !== undefined ? { annotations: options.annotation } : {}),
    };
    if (Object.keys(update).length === 0)
      throw new CliError(
        'nothing to change: give --name, --namespace, --project, --label or --annotation',
        ExitCode.usage,
      );
    await graphqlRequest(options, UPDATE_CLUSTER, { cluster: selector, update });
    process.stdout.write(`Cluster '${selector}' updated.\n`);
  });
}
