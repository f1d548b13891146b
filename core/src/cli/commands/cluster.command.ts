// `driftless cluster list`: destination clusters, through the server's GraphQL API (no credentials).
// `cluster add|rm|get|set` go through the server too; add, rm and get keep a
// direct mode on the control-plane cluster's Secrets with --core (cluster/).
import { Command } from 'commander';
import { graphqlRequest } from '../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../client/server-options';
import { outputOption, render, type Column, type OutputFormat } from '../output';
import { clusterAddCommand } from './cluster/cluster-add.command';
import { clusterGetCommand } from './cluster/cluster-get.command';
import { clusterRmCommand } from './cluster/cluster-rm.command';
import { clusterSetCommand } from './cluster/cluster-set.command';
import { SERVER_CLUSTER_FIELDS, type ServerClusterView as ClusterView } from './cluster/server-clusters';

const columns: Column<ClusterView>[] = [
  { header: 'SERVER', value: (cluster) => cluster.server },
  { header: 'NAME', value: (cluster) => cluster.name },
  { header: 'PROJECT', value: (cluster) => cluster.project ?? '' },
  {
    header: 'NAMESPACES',
    value: (cluster) => (cluster.namespaces.length > 0 ? cluster.namespaces.join(',') : '*'),
    wide: true,
  },
  { header: 'AUTH', value: (cluster) => cluster.authentication, wide: true },
  { header: 'SECRET', value: (cluster) => cluster.source, wide: true },
];

function listCommand(): Command {
  const command = new Command('list').description('list destination clusters').addOption(outputOption());
  return addServerOptions(command).action(async (options: ServerOptions & { output: OutputFormat }) => {
    const { clusters } = await graphqlRequest<{ clusters: ClusterView[] }>(
      options,
      `{ clusters { ${SERVER_CLUSTER_FIELDS} } }`,
    );
    process.stdout.write(
      render({ data: clusters, rows: clusters, columns, name: (cluster) => cluster.server }, options.output),
    );
  });
}

export function clusterCommand(): Command {
  return new Command('cluster')
    .description('destination clusters')
    .addCommand(listCommand())
    .addCommand(clusterAddCommand())
    .addCommand(clusterGetCommand())
    .addCommand(clusterRmCommand())
    .addCommand(clusterSetCommand());
}
