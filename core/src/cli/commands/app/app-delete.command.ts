// `driftless app delete APPNAME...`: sets or removes the resources finalizer
// (cascade or not, and with which propagation policy), then deletes the
// Application; the controller deletes the resources and lets the app go.
// A person at a terminal confirms a cascaded deletion first.
import { Command, InvalidArgumentError, Option } from 'commander';
import { CliError, ExitCode } from '../../exit-codes';
import { confirm, isInteractive } from '../cluster/confirm';
import { graphqlRequest } from '../../client/graphql-client';
import { addAppCommandOptions, appRefOf, coreMode, timeoutOption, type AppCommandOptions } from './app-options';
import { serverAppRef } from './server-app-ref';
import { qualifiedAppName, type AppRef } from './app-ref';
import { ApplicationClient, retryOnStaleWrite } from './application-client';
import {
  finalizersForDeletion,
  sameFinalizers,
  type DeletionRequest,
  type PropagationPolicy,
} from '../../../apps/operations/delete-finalizers';
import { POLL_INTERVAL_MS, timedOutError } from './operation-request';

interface DeleteOptions extends AppCommandOptions {
  cascade: boolean;
  propagationPolicy?: PropagationPolicy;
  yes?: boolean;
  wait?: boolean;
  timeout: number;
}

/** `--cascade`, `--cascade=true`, `--cascade=false`, as Argo CD's boolean flag. */
function booleanValue(value: string): boolean {
  if (/^(true|1)$/i.test(value)) return true;
  if (/^(false|0)$/i.test(value)) return false;
  throw new InvalidArgumentError(`"${value}" is not true or false (write --cascade=false)`);
}

async function prepareAndDelete(client: ApplicationClient, ref: AppRef, request: DeletionRequest): Promise<void> {
  await retryOnStaleWrite(async () => {
    const app = await client.get(ref);
    const current = app.metadata.finalizers ?? [];
    const wanted = finalizersForDeletion(current, request);
    if (sameFinalizers(current, wanted)) return;
    await client.patchIfUnchanged(ref, app.metadata.resourceVersion ?? '', [
      // `add` sets the member whether or not it exists.
      { op: 'add', path: '/metadata/finalizers', value: wanted },
    ]);
  });
  await client.delete(ref);
}

async function waitUntilGone(client: ApplicationClient, ref: AppRef, timeoutSeconds: number): Promise<void> {
  const deadline = timeoutSeconds > 0 ? Date.now() + timeoutSeconds * 1000 : Number.POSITIVE_INFINITY;
  while (await client.find(ref)) {
    if (Date.now() >= deadline) throw timedOutError(ref, timeoutSeconds);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

export function appDeleteCommand(): Command {
  const command = new Command('delete')
    .description('delete applications (and, with --cascade, the default, their resources)')
    .argument('<appname...>', 'NAME or NAMESPACE/NAME')
    .addOption(
      new Option('--cascade [bool]', "delete the application's resources too (--cascade=false keeps them)")
        .argParser(booleanValue)
        .preset('true')
        .default(true),
    )
    .addOption(
      new Option('-p, --propagation-policy <policy>', "how the application's resources are deleted").choices([
        'foreground',
        'background',
      ]),
    )
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--wait', 'wait until the application is gone')
    .addOption(timeoutOption());
  return addAppCommandOptions(command).action(async (appNames: string[], options: DeleteOptions, self: Command) => {
    if (!options.cascade && options.propagationPolicy)
      throw new CliError(
        '--propagation-policy applies to cascaded deletion only: drop it or --cascade=false',
        ExitCode.usage,
      );
    const request: DeletionRequest = {
      cascade: options.cascade,
      ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
    };
    const targets = coreMode(self, options)
      ? coreTargets(appNames, options, request)
      : serverTargets(appNames, options, request);
    for (const target of targets) {
      if (options.cascade && isInteractive() && !options.yes) {
        const proceed = await confirm(
          `Are you sure you want to delete '${target.display}' and all its resources? [y/n] `,
        );
        if (!proceed) {
          process.stdout.write(`The command to delete '${target.display}' was cancelled.\n`);
          continue;
        }
      }
      await target.delete();
      if (options.wait) await target.waitUntilGone(options.timeout);
      process.stdout.write(`application '${target.display}' deleted\n`);
    }
  });
}

interface DeletionTarget {
  display: string;
  delete(): Promise<void>;
  waitUntilGone(timeoutSeconds: number): Promise<void>;
}

function coreTargets(appNames: string[], options: DeleteOptions, request: DeletionRequest): DeletionTarget[] {
  const refs = appNames.map((appName) => appRefOf(appName, options));
  const client = ApplicationClient.connect(options);
  return refs.map((ref) => ({
    display: qualifiedAppName(ref),
    delete: () => prepareAndDelete(client, ref, request),
    waitUntilGone: (timeoutSeconds) => waitUntilGone(client, ref, timeoutSeconds),
  }));
}

const DELETE_MUTATION = `mutation ($name: String!, $appNamespace: String, $cascade: Boolean, $propagationPolicy: PropagationPolicy) {
  deleteApplication(name: $name, appNamespace: $appNamespace, cascade: $cascade, propagationPolicy: $propagationPolicy)
}`;

/** Through the server's deleteApplication; gone when the application query no longer finds it. */
function serverTargets(appNames: string[], options: DeleteOptions, request: DeletionRequest): DeletionTarget[] {
  return appNames.map((appName) => {
    const ref = serverAppRef(appName, options.appNamespace);
    const variables = { name: ref.name, ...(ref.namespace !== undefined ? { appNamespace: ref.namespace } : {}) };
    return {
      display: ref.display,
      delete: async () => {
        await graphqlRequest(options, DELETE_MUTATION, {
          ...variables,
          cascade: request.cascade,
          ...(request.propagationPolicy ? { propagationPolicy: request.propagationPolicy } : {}),
        });
      },
      waitUntilGone: async (timeoutSeconds) => {
        const deadline = timeoutSeconds > 0 ? Date.now() + timeoutSeconds * 1000 : Number.POSITIVE_INFINITY;
        for (;;) {
          const { application } = await graphqlRequest<{ application: { name: string } | null }>(
            options,
            'query ($name: String!) { application(name: $name) { name } }',
            { name: ref.name },
          );
          if (!application) return;
          if (Date.now() >= deadline)
            throw new CliError(
              `timed out (${timeoutSeconds}s) waiting for application ${ref.display} to be deleted — it goes on`,
              ExitCode.timedOut,
            );
          await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
        }
      },
    };
  });
}
