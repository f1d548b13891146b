// `driftless app add-source APPNAME` and `driftless app remove-source
// APPNAME --source-position N`, as Argo CD's (≥ 2.10) commands: append a
// source to spec.sources, remove one by position. See source-list-edit.ts
// for how a single-source app and the last source are handled.
import { Command } from 'commander';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { collect } from '../cluster/flag-values';
import { addAppNamespaceOption } from './app-get.command';
import { fetchApplicationSpec, patchApplicationSpec } from './app-spec-patch';
import { serverAppRef } from './server-app-ref';
import { addSourceOperations, removeSourceOperations, sourceFromFlags, type SourceFlags } from './source-list-edit';
import { sourcePositionOption } from './source-position';

interface AddSourceOptions extends ServerOptions, SourceFlags {
  appNamespace?: string;
}

interface RemoveSourceOptions extends ServerOptions {
  appNamespace?: string;
  sourcePosition?: number;
}

export function appAddSourceCommand(): Command {
  const command = new Command('add-source')
    .description("append a source to an application's sources")
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('--repo <url>', 'repository URL')
    .option('--path <path>', 'path in the repository (Git sources)')
    .option('--helm-chart <chart>', 'Helm chart name (Helm repository sources)')
    .option('--chart <chart>', 'same as --helm-chart')
    .option('--revision <revision>', 'target revision (branch, tag, commit, chart version)')
    .option('--ref <name>', 'name other sources use as $name in Helm value files')
    .option('--source-name <name>', 'name of the source')
    .option('--values <file>', 'a Helm value file (repeatable)', collect);
  addAppNamespaceOption(command);
  return addServerOptions(command).action(async (appName: string, options: AddSourceOptions) => {
    const source = sourceFromFlags(options);
    const ref = serverAppRef(appName, options.appNamespace);
    const spec = await fetchApplicationSpec(options, ref);
    await patchApplicationSpec(options, ref, addSourceOperations(spec, source, ref.display));
    process.stdout.write(`application '${ref.display}' updated\n`);
  });
}

export function appRemoveSourceCommand(): Command {
  const command = new Command('remove-source')
    .description("remove a source from an application's sources")
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .addOption(sourcePositionOption('the source to remove'));
  addAppNamespaceOption(command);
  return addServerOptions(command).action(async (appName: string, options: RemoveSourceOptions) => {
    const ref = serverAppRef(appName, options.appNamespace);
    const spec = await fetchApplicationSpec(options, ref);
    await patchApplicationSpec(options, ref, removeSourceOperations(spec, options.sourcePosition, ref.display));
    process.stdout.write(`application '${ref.display}' updated\n`);
  });
}
