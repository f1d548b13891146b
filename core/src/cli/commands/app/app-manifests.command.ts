// `driftless app manifests APPNAME`: the application's manifests as YAML
// documents, as `argocd app manifests` prints them: `--source git` (the
// default) renders the target (or --revision) through the server;
// `--source live` prints the live objects of its managed resources.
import { Command, Option } from 'commander';
import { dump } from 'js-yaml';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { addAppNamespaceOption } from './app-get.command';
import { stateObject } from './app-diff-render';
import { appQueryVariables } from './app-get-view';
import { serverAppRef } from './server-app-ref';

interface ManifestsOptions extends ServerOptions {
  source: 'git' | 'live';
  revision?: string;
  appNamespace?: string;
}

const GIT_QUERY = `query ($name: String!, $appNamespace: String, $revision: String) {
  application(name: $name, appNamespace: $appNamespace) { manifests(revision: $revision) { manifests } }
}`;

const LIVE_QUERY = `query ($name: String!, $appNamespace: String) {
  application(name: $name, appNamespace: $appNamespace) { managedResources { liveState } }
}`;

/** JSON documents → one YAML stream, `---` between documents. */
export function yamlDocuments(documents: readonly string[]): string {
  return documents.map((document) => dump(JSON.parse(document), { noRefs: true, lineWidth: -1 })).join('---\n');
}

export function appManifestsCommand(): Command {
  const command = new Command('manifests')
    .description("print the application's manifests: rendered from Git, or its live objects")
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .addOption(new Option('--source <source>', 'where the manifests come from').choices(['git', 'live']).default('git'))
    .option('--revision <revision>', 'render at this revision instead of the target (with --source git)');
  addAppNamespaceOption(command);
  return addServerOptions(command).action(async (appName: string, options: ManifestsOptions) => {
    const ref = serverAppRef(appName, options.appNamespace);
    if (options.source === 'live' && options.revision !== undefined)
      throw new CliError('--revision applies to --source git only', ExitCode.usage);
    const documents =
      options.source === 'git'
        ? (
            await graphqlRequest<{ application: { manifests: { manifests: string[] } } | null }>(options, GIT_QUERY, {
              ...appQueryVariables(ref),
              ...(options.revision !== undefined ? { revision: options.revision } : {}),
            })
          ).application?.manifests.manifests
        : (
            await graphqlRequest<{ application: { managedResources: { liveState: string | null }[] } | null }>(
              options,
              LIVE_QUERY,
              appQueryVariables(ref),
            )
          ).application?.managedResources.flatMap((resource) =>
            stateObject(resource.liveState) === null ? [] : [resource.liveState as string],
          );
    if (documents === undefined)
      throw new CliError(
        `application '${ref.display}' not found — list them with: driftless app list`,
        ExitCode.failed,
      );
    process.stdout.write(yamlDocuments(documents));
  });
}
