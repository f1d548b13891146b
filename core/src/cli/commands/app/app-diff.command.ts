// `driftless app diff APPNAME`: how the live state differs from Git, from
// the server's comparison (Application.managedResources). Exit codes as
// `argocd app diff`: 0 no difference, 1 a difference, 2 or more an error (so
// a script can tell "differs" from "could not tell").
import { Command } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { addAppNamespaceOption } from './app-get.command';
import { appQueryVariables } from './app-get-view';
import { MANAGED_RESOURCE_DIFF_FIELDS, renderAppDiff, type ManagedResourceDiffView } from './app-diff-render';
import { serverAppRef } from './server-app-ref';

interface DiffOptions extends ServerOptions {
  appNamespace?: string;
  exitCode: boolean;
}

const DIFF_QUERY = `query ($name: String!, $appNamespace: String) {
  application(name: $name, appNamespace: $appNamespace) { managedResources { ${MANAGED_RESOURCE_DIFF_FIELDS} } }
}`;

/** An error of the command itself: never exit code 1, which means "differs". */
function asDiffError(error: unknown): CliError {
  if (error instanceof CliError)
    return error.exitCode === ExitCode.failed ? new CliError(error.message, ExitCode.usage) : error;
  return new CliError(`app diff failed: ${error instanceof Error ? error.message : String(error)}`, ExitCode.usage);
}

export function appDiffCommand(): Command {
  const command = new Command('diff')
    .description('show how the live state differs from the target state (exit code 1 when it does)')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('--no-exit-code', 'exit 0 even when there is a difference');
  addAppNamespaceOption(command);
  return addServerOptions(command).action(async (appName: string, options: DiffOptions) => {
    let differing: number;
    try {
      const ref = serverAppRef(appName, options.appNamespace);
      const { application } = await graphqlRequest<{
        application: { managedResources: ManagedResourceDiffView[] } | null;
      }>(options, DIFF_QUERY, appQueryVariables(ref));
      if (!application)
        throw new CliError(`application '${ref.display}' not found — list them with: driftless app list`);
      const diff = renderAppDiff(application.managedResources);
      if (diff.text) process.stdout.write(diff.text.endsWith('\n') ? diff.text : `${diff.text}\n`);
      differing = diff.differing;
    } catch (error) {
      throw asDiffError(error);
    }
    // An empty message: the diff printed above says it all.
    if (differing > 0 && options.exitCode) throw new CliError('', ExitCode.failed);
  });
}
