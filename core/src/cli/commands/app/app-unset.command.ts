// `driftless app unset APPNAME`: removes source settings, as `argocd app
// unset` — Helm value files, inline values, parameters, ignoreMissingValueFiles
// and passCredentials; Kustomize images, name prefix/suffix and version; the
// source's ref. --source-position picks the source of a multi-source app.
// Unsetting what is not set changes nothing and writes nothing.
import { Command } from 'commander';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { collect } from '../cluster/flag-values';
import { addAppNamespaceOption } from './app-get.command';
import { fetchApplicationSpec, patchApplicationSpec } from './app-spec-patch';
import { serverAppRef } from './server-app-ref';
import { sourceAt, sourcePositionOption } from './source-position';
import { hasUnsetFlags, unsetSource, type UnsetFlags } from './source-unset';

interface UnsetOptions extends ServerOptions, UnsetFlags {
  appNamespace?: string;
  sourcePosition?: number;
}

export function appUnsetCommand(): Command {
  const command = new Command('unset')
    .description("remove settings from an application's source")
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('--values <file>', 'remove a Helm value file (repeatable)', collect)
    .option('--values-literal', 'remove the inline Helm values')
    .option('-p, --parameter <name>', 'remove a Helm parameter override (repeatable)', collect)
    .option('--ignore-missing-value-files', "remove Helm's ignoreMissingValueFiles (back to false)")
    .option('--pass-credentials', "remove Helm's passCredentials (back to false)")
    .option('--kustomize-image <name>', 'remove a Kustomize image override by image name (repeatable)', collect)
    .option('--nameprefix', 'remove the Kustomize name prefix')
    .option('--namesuffix', 'remove the Kustomize name suffix')
    .option('--kustomize-version', 'remove the Kustomize version')
    .option('--ref', "remove the source's ref")
    .addOption(sourcePositionOption('the source to change, for an application with several sources'));
  addAppNamespaceOption(command);
  return addServerOptions(command).action(async (appName: string, options: UnsetOptions) => {
    if (!hasUnsetFlags(options)) throw new CliError('nothing to unset: give at least one flag', ExitCode.usage);
    const ref = serverAppRef(appName, options.appNamespace);
    const spec = await fetchApplicationSpec(options, ref);
    const slot = sourceAt(spec, options.sourcePosition, ref.display);
    const source = unsetSource(slot.source, options);
    if (!source) return;
    await patchApplicationSpec(options, ref, [
      { op: 'test', path: slot.pointer, value: slot.source },
      { op: 'replace', path: slot.pointer, value: source },
    ]);
  });
}
