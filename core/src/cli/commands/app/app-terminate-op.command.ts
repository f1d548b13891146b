// `driftless app terminate-op APPNAME`: marks the running operation
// Terminating, as Argo CD's API server does; the controller sees the phase,
// stops the sync (deleting running hooks) and ends it as Failed.
import { Command } from 'commander';
import { CliError } from '../../exit-codes';
import { graphqlRequest } from '../../client/graphql-client';
import { addAppCommandOptions, appRefOf, coreMode, type AppCommandOptions } from './app-options';
import { serverAppRef } from './server-app-ref';
import { qualifiedAppName } from './app-ref';
import { ApplicationClient, retryOnStaleWrite } from './application-client';

export function appTerminateOpCommand(): Command {
  const command = new Command('terminate-op')
    .description('terminate the running operation of an application')
    .argument('<appname>', 'NAME or NAMESPACE/NAME');
  return addAppCommandOptions(command).action(async (appName: string, options: AppCommandOptions, self: Command) => {
    if (!coreMode(self, options)) {
      const ref = serverAppRef(appName, options.appNamespace);
      await graphqlRequest(
        options,
        'mutation ($name: String!, $appNamespace: String) { terminateOperation(name: $name, appNamespace: $appNamespace) { name } }',
        { name: ref.name, ...(ref.namespace !== undefined ? { appNamespace: ref.namespace } : {}) },
      );
      process.stdout.write(`Application '${ref.display}' operation terminating\n`);
      return;
    }
    const ref = appRefOf(appName, options);
    const client = ApplicationClient.connect(options);
    await retryOnStaleWrite(async () => {
      const app = await client.get(ref);
      if (!app.operation || !app.status?.operationState)
        throw new CliError('Unable to terminate operation. No operation is in progress');
      await client.patchIfUnchanged(ref, app.metadata.resourceVersion ?? '', [
        { op: 'replace', path: '/status/operationState/phase', value: 'Terminating' },
      ]);
    }, 10);
    process.stdout.write(`Application '${qualifiedAppName(ref)}' operation terminating\n`);
  });
}
