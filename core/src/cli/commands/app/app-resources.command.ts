// `driftless app resources APPNAME`: the resources the application manages
// (status.resources), as `argocd app resources` lists them, with their sync
// status and health; -o wide adds version, sync wave and pruning.
// `--orphaned` lists the orphaned resources instead (the resource tree's
// orphanedNodes, when the project monitors them), as Argo CD prints them:
// every orphaned node, ORPHANED "Yes".
import { Command } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { outputOption, render, type Column, type OutputFormat } from '../../output';
import { addAppNamespaceOption, fetchApplicationDetail } from './app-get.command';
import { appQueryVariables, type ResourceStatusView } from './app-get-view';
import { serverAppRef, type ServerAppRef } from './server-app-ref';

interface ResourcesOptions extends ServerOptions {
  output: OutputFormat;
  appNamespace?: string;
  orphaned?: boolean;
}

interface ResourceName {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

interface OrphanedNodeView extends ResourceName {
  version: string;
  uid: string;
  health: { status: string; message: string | null } | null;
}

export const managedResourceColumns: Column<ResourceStatusView>[] = [
  { header: 'GROUP', value: (row) => row.group },
  { header: 'KIND', value: (row) => row.kind },
  { header: 'NAMESPACE', value: (row) => row.namespace },
  { header: 'NAME', value: (row) => row.name },
  // status.resources holds what the app manages; orphans are never in it.
  { header: 'ORPHANED', value: () => 'No' },
  { header: 'STATUS', value: (row) => row.status ?? 'Unknown' },
  { header: 'HEALTH', value: (row) => row.health?.status ?? '' },
  { header: 'HOOK', value: (row) => (row.hook ? 'Yes' : 'No'), wide: true },
  { header: 'VERSION', value: (row) => row.version, wide: true },
  { header: 'SYNCWAVE', value: (row) => (row.syncWave === null ? '' : String(row.syncWave)), wide: true },
  { header: 'PRUNE', value: (row) => (row.requiresPruning ? 'Yes' : 'No'), wide: true },
];

export const orphanedResourceColumns: Column<OrphanedNodeView>[] = [
  { header: 'GROUP', value: (row) => row.group },
  { header: 'KIND', value: (row) => row.kind },
  { header: 'NAMESPACE', value: (row) => row.namespace },
  { header: 'NAME', value: (row) => row.name },
  { header: 'ORPHANED', value: () => 'Yes' },
];

const ORPHANED_NODES_QUERY = `query ($name: String!, $appNamespace: String) {
  application(name: $name, appNamespace: $appNamespace) {
    resourceTree { orphanedNodes { group version kind namespace name uid health { status message } } }
  }
}`;

/** The app's orphaned nodes; none before its first refresh or when its project does not monitor them. */
async function fetchOrphanedNodes(options: ServerOptions, ref: ServerAppRef): Promise<OrphanedNodeView[]> {
  const { application } = await graphqlRequest<{
    application: { resourceTree: { orphanedNodes: OrphanedNodeView[] } | null } | null;
  }>(options, ORPHANED_NODES_QUERY, appQueryVariables(ref));
  if (!application)
    throw new CliError(`application '${ref.display}' not found — list them with: driftless app list`, ExitCode.failed);
  return application.resourceTree?.orphanedNodes ?? [];
}

const resourceName = (row: ResourceName): string =>
  `${row.group ? `${row.kind}.${row.group}` : row.kind}/${row.namespace ? `${row.namespace}/` : ''}${row.name}`;

export function appResourcesCommand(): Command {
  const command = new Command('resources')
    .description("list the application's managed resources with their sync status and health")
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('--orphaned', 'list only orphaned resources (the project must set orphanedResources)')
    .addOption(outputOption());
  addAppNamespaceOption(command);
  return addServerOptions(command).action(async (appName: string, options: ResourcesOptions) => {
    const ref = serverAppRef(appName, options.appNamespace);
    if (options.orphaned) {
      const rows = await fetchOrphanedNodes(options, ref);
      process.stdout.write(
        render({ data: rows, rows, columns: orphanedResourceColumns, name: resourceName }, options.output),
      );
      return;
    }
    const application = await fetchApplicationDetail(options, ref);
    const rows = application.status.resources;
    process.stdout.write(
      render({ data: rows, rows, columns: managedResourceColumns, name: resourceName }, options.output),
    );
  });
}
