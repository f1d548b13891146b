// `driftless app wait APPNAME`: polls the server once a second until the
// application is healthy / synced / done with its operation (Argo CD's flags
// and defaults), then prints it as `app get` does. --timeout ends the wait
// with exit code 4 and what was still missing.
import { Command } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { addAppNamespaceOption, fetchApplicationDetail } from './app-get.command';
import { appQueryVariables, describeApplicationDetail } from './app-get-view';
import { timeoutOption } from './app-options';
import { unmetConditions, waitConditions, type WaitFlags, type WaitState } from './app-wait-conditions';
import { serverAppRef, type ServerAppRef } from './server-app-ref';

interface WaitOptions extends ServerOptions, WaitFlags {
  appNamespace?: string;
  timeout: number;
}

const WAIT_POLL_MS = 1_000;

const STATE_QUERY = `query ($name: String!, $appNamespace: String) {
  application(name: $name, appNamespace: $appNamespace) { healthStatus syncStatus operationInProgress }
}`;

async function stateOf(options: ServerOptions, ref: ServerAppRef): Promise<WaitState> {
  const { application } = await graphqlRequest<{ application: WaitState | null }>(
    options,
    STATE_QUERY,
    appQueryVariables(ref),
  );
  if (!application)
    throw new CliError(`application '${ref.display}' not found — list them with: driftless app list`, ExitCode.failed);
  return application;
}

export function appWaitCommand(): Command {
  const command = new Command('wait')
    .description('wait until the application is healthy, synced and done with its operation (or what the flags ask)')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('--health', 'wait for health Healthy')
    .option('--sync', 'wait for sync status Synced')
    .option('--operation', 'wait until no operation is in progress')
    .option('--suspended', 'wait for health Suspended')
    .option('--degraded', 'wait for health Degraded')
    .addOption(timeoutOption());
  addAppNamespaceOption(command);
  return addServerOptions(command).action(async (appName: string, options: WaitOptions) => {
    const ref = serverAppRef(appName, options.appNamespace);
    const conditions = waitConditions(options);
    const deadline = options.timeout > 0 ? Date.now() + options.timeout * 1000 : Infinity;
    for (;;) {
      const unmet = unmetConditions(conditions, await stateOf(options, ref));
      if (unmet.length === 0) break;
      if (Date.now() + WAIT_POLL_MS > deadline)
        throw new CliError(
          `timed out (${options.timeout}s) waiting for application ${ref.display}: still waiting for ${unmet.join(', ')}`,
          ExitCode.timedOut,
        );
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
    process.stdout.write(describeApplicationDetail(await fetchApplicationDetail(options, ref)));
  });
}
