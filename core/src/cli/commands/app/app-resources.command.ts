// `driftless app resources APPNAME`: the resources the application manages
// (status.resources), as `argocd app resources` lists them, with their sync
// status and health; -o wide adds version, sync wave and pruning.
import { Command } from 'commander';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { outputOption, render, type Column, type OutputFormat } from '../../output';
import { addAppNamespaceOption, fetchApplicationDetail } from './app-get.command';
import { type ResourceStatusView } from './app-get-view';
import { serverAppRef } from './server-app-ref';

interface ResourcesOptions extends ServerOptions {
  output: OutputFormat;
  appNamespace?: string;
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

const resourceName = (row: ResourceStatusView): string =>
  `${row.group ? `${row.kind}.${row.group}` : row.kind}/${row.namespace ? `${row.namespace}/` : ''}${row.name}`;

export function appResourcesCommand(): Command {
  const command = new Command('resources')
    .description("list the application's managed resources with their sync status and health")
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .addOption(outputOption());
  addAppNamespaceOption(command);
  return addServerOptions(command).action(async (appName: string, options: ResourcesOptions) => {
    const application = await fetchApplicationDetail(options, serverAppRef(appName, options.appNamespace));
    const rows = application.status.resources;
    process.stdout.write(
      render({ data: rows, rows, columns: managedResourceColumns, name: resourceName }, options.output),
    );
  });
}
