// `driftless app get APPNAME`: one application through the server, laid out
// as `argocd app get` (summary, sync windows, conditions, resources).
import { Command, Option } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { outputOption, render, type OutputFormat } from '../../output';
import { qualifiedName } from './application-fields';
import {
  APPLICATION_DETAIL_QUERY,
  appQueryVariables,
  describeApplicationDetail,
  type ApplicationDetailView,
} from './app-get-view';
import { serverAppRef, type ServerAppRef } from './server-app-ref';

interface GetOptions extends ServerOptions {
  output: OutputFormat;
  appNamespace?: string;
  showOperation?: boolean;
  showParams?: boolean;
}

/** Adds Argo CD's -N/--app-namespace to a read-only command that talks to the server. */
export function addAppNamespaceOption(command: Command): Command {
  return command.addOption(
    new Option(
      '-N, --app-namespace <namespace>',
      "namespace of the application when APPNAME has none (default: the server's control-plane namespace)",
    ),
  );
}

/** The application, read through the server; a missing or forbidden one is a one-line error. */
export async function fetchApplicationDetail(
  options: ServerOptions,
  ref: ServerAppRef,
): Promise<ApplicationDetailView> {
  const { application } = await graphqlRequest<{ application: ApplicationDetailView | null }>(
    options,
    APPLICATION_DETAIL_QUERY,
    appQueryVariables(ref),
  );
  if (!application)
    throw new CliError(`application '${ref.display}' not found — list them with: driftless app list`, ExitCode.failed);
  return application;
}

export function appGetCommand(): Command {
  const command = new Command('get')
    .description('show one application: status, sync windows, conditions and resources')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('--show-operation', 'show the last or running operation')
    .option('--show-params', 'show the Helm parameters of the source')
    .addOption(outputOption());
  addAppNamespaceOption(command);
  return addServerOptions(command).action(async (appName: string, options: GetOptions) => {
    const application = await fetchApplicationDetail(options, serverAppRef(appName, options.appNamespace));
    if (options.output === 'table' || options.output === 'wide') {
      process.stdout.write(
        describeApplicationDetail(application, {
          showOperation: options.showOperation ?? false,
          showParams: options.showParams ?? false,
        }),
      );
      return;
    }
    process.stdout.write(
      render({ data: application, rows: [application], columns: [], name: qualifiedName }, options.output),
    );
  });
}
