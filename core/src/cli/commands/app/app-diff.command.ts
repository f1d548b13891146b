// `driftless app diff APPNAME`: how the live state differs from Git, from
// the server's comparison (Application.managedResources), or with
// --revision REV from the manifests rendered at REV (diff-at-revision.ts).
// --refresh / --hard-refresh first have the controller refresh the app and
// wait for it (app-refresh-wait.ts). Exit codes as `argocd app diff`: 0 no
// difference, 1 a difference, 2 or more an error (so a script can tell
// "differs" from "could not tell").
import { type ApplicationSpec } from '@driftless/schema';
import { Command } from 'commander';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { addAppNamespaceOption } from './app-get.command';
import { MANAGED_RESOURCE_DIFF_FIELDS, renderAppDiff, type ManagedResourceDiffView } from './app-diff-render';
import { refreshAndWait } from './app-refresh-wait';
import { queryApplication } from './application-query';
import { diffAtRevision } from './diff-at-revision';
import { serverAppRef, type ServerAppRef } from './server-app-ref';

interface DiffOptions extends ServerOptions {
  appNamespace?: string;
  exitCode: boolean;
  refresh?: boolean;
  hardRefresh?: boolean;
  revision?: string;
}

/** An error of the command itself: never exit code 1, which means "differs". */
function asDiffError(error: unknown): CliError {
  if (error instanceof CliError)
    return error.exitCode === ExitCode.failed ? new CliError(error.message, ExitCode.usage) : error;
  return new CliError(`app diff failed: ${error instanceof Error ? error.message : String(error)}`, ExitCode.usage);
}

async function renderedAt(options: ServerOptions, ref: ServerAppRef, revision: string): Promise<string[]> {
  const { manifests } = await queryApplication<{ manifests: { manifests: string[] } }>(
    options,
    ref,
    'manifests(revision: $revision) { manifests }',
    { declarations: '$revision: String', values: { revision } },
  );
  return manifests.manifests;
}

/** Each managed resource, compared with the target (the server's comparison) or with `revision`. */
async function resourcesToDiff(options: DiffOptions, ref: ServerAppRef): Promise<ManagedResourceDiffView[]> {
  const application = await queryApplication<{ spec: ApplicationSpec; managedResources: ManagedResourceDiffView[] }>(
    options,
    ref,
    `spec managedResources { ${MANAGED_RESOURCE_DIFF_FIELDS} }`,
  );
  if (options.revision === undefined) return application.managedResources;
  const sources = application.spec.sources?.length ?? 0;
  if (sources > 0)
    throw new CliError(
      `--revision applies to single-source applications; '${ref.display}' has spec.sources (${sources})`,
      ExitCode.usage,
    );
  return diffAtRevision({
    manifests: await renderedAt(options, ref, options.revision),
    managedResources: application.managedResources,
    ...(application.spec.destination.namespace ? { destinationNamespace: application.spec.destination.namespace } : {}),
    ...(application.spec.ignoreDifferences ? { ignoreDifferences: application.spec.ignoreDifferences } : {}),
  });
}

export function appDiffCommand(): Command {
  const command = new Command('diff')
    .description('show how the live state differs from the target state (exit code 1 when it does)')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('--refresh', 'refresh the application first and wait for it')
    .option('--hard-refresh', 'refresh the application first, rendering the manifests without caches, and wait for it')
    .option(
      '--revision <revision>',
      'compare with the manifests at this revision instead of the target (single-source apps)',
    )
    .option('--no-exit-code', 'exit 0 even when there is a difference');
  addAppNamespaceOption(command);
  return addServerOptions(command).action(async (appName: string, options: DiffOptions) => {
    let differing: number;
    try {
      const ref = serverAppRef(appName, options.appNamespace);
      if (options.refresh || options.hardRefresh) await refreshAndWait(options, ref, options.hardRefresh === true);
      const diff = renderAppDiff(await resourcesToDiff(options, ref));
      if (diff.text) process.stdout.write(diff.text.endsWith('\n') ? diff.text : `${diff.text}\n`);
      differing = diff.differing;
    } catch (error) {
      throw asDiffError(error);
    }
    // An empty message: the diff printed above says it all.
    if (differing > 0 && options.exitCode) throw new CliError('', ExitCode.failed);
  });
}
