// `driftless app delete APPNAME...`: sets or removes the resources finalizer
// (cascade or not, and with which propagation policy), then deletes the
// Application; the controller deletes the resources and lets the app go.
// A person at a terminal confirms a cascaded deletion first.
import { Command, InvalidArgumentError, Option } from 'commander';
import { CliError, ExitCode } from '../../exit-codes';
import { confirm, isInteractive } from '../cluster/confirm';
import { addAppCommandOptions, appRefOf, timeoutOption, type AppCommandOptions } from './app-options';
import { qualifiedAppName, type AppRef } from './app-ref';
import { ApplicationClient, retryOnStaleWrite } from './application-client';
import {
  finalizersForDeletion,
  sameFinalizers,
  type DeletionRequest,
  type PropagationPolicy,
} from './delete-finalizers';
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
  return addAppCommandOptions(command).action(async (appNames: string[], options: DeleteOptions) => {
    if (!options.cascade && options.propagationPolicy)
      throw new CliError(
        '--propagation-policy applies to cascaded deletion only: drop it or --cascade=false',
        ExitCode.usage,
      );
    const refs = appNames.map((appName) => appRefOf(appName, options));
    const client = ApplicationClient.connect(options);
    const request: DeletionRequest = {
      cascade: options.cascade,
      ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
    };
    for (const ref of refs) {
      const qualified = qualifiedAppName(ref);
      if (options.cascade && isInteractive() && !options.yes) {
        const proceed = await confirm(`Are you sure you want to delete '${qualified}' and all its resources? [y/n] `);
        if (!proceed) {
          process.stdout.write(`The command to delete '${qualified}' was cancelled.\n`);
          continue;
        }
      }
      await prepareAndDelete(client, ref, request);
      if (options.wait) await waitUntilGone(client, ref, options.timeout);
      process.stdout.write(`application '${qualified}' deleted\n`);
    }
  });
}
