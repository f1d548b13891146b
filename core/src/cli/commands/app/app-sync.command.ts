// `driftless app sync APPNAME`: asks the application controller for a sync
// by writing the Application's `operation` (Argo CD's flags and checks),
// then waits for the controller's verdict unless --async.
import { Command, Option } from 'commander';
import { outputOption, type OutputFormat } from '../../output';
import { addAppCommandOptions, appRefOf, coreMode, timeoutOption, type AppCommandOptions } from './app-options';
import { runServerOperation } from './server-operation';
import { serverAppRef } from './server-app-ref';
import { ApplicationClient } from './application-client';
import { runOperation } from './operation-flow';
import { localUsername } from './operation-request';
import { collectResourceSelector, type ResourceSelector } from './resource-selector';
import { collectInfo, collectSyncOption, goDuration, integer } from './sync-flags';
import { buildSyncOperation } from '../../../apps/operations/sync-operation';

interface SyncOptions extends AppCommandOptions {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  force?: boolean;
  strategy?: 'apply' | 'hook';
  resource?: ResourceSelector[];
  syncOption?: string[];
  applyOutOfSyncOnly?: boolean;
  replace?: boolean;
  serverSide?: boolean;
  retryLimit: number;
  retryBackoffDuration: string;
  retryBackoffMaxDuration: string;
  retryBackoffFactor: number;
  info?: [string, string][];
  async?: boolean;
  timeout: number;
  output: OutputFormat;
}

export function appSyncCommand(): Command {
  const command = new Command('sync')
    .description('sync an application to its target state (writes its operation; the controller runs it)')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .option('--revision <revision>', 'sync to this revision instead of the target revision')
    .option('--prune', 'allow deleting resources that are no longer in the source')
    .option('--dry-run', 'preview the apply without changing the cluster')
    .option('--force', 'use a force apply (delete and re-create when needed)')
    .addOption(new Option('--strategy <strategy>', 'sync strategy (default: hook)').choices(['apply', 'hook']))
    .addOption(
      new Option(
        '--resource <GROUP:KIND:NAME>',
        'sync only these resources (GROUP:KIND:NAMESPACE/NAME, !GROUP:KIND:NAME to exclude, * as a wildcard; repeatable)',
      ).argParser(collectResourceSelector),
    )
    .addOption(
      new Option(
        '--sync-option <Key=Value>',
        'a sync option for this sync, e.g. CreateNamespace=true (repeatable)',
      ).argParser(collectSyncOption),
    )
    .option('--apply-out-of-sync-only', 'apply only resources that are out of sync')
    .option('--replace', 'use kubectl create/replace instead of apply')
    .option('--server-side', 'use server-side apply')
    .addOption(
      new Option('--retry-limit <n>', 'retry a failed sync up to n times (negative: no limit)')
        .argParser(integer)
        .default(0),
    )
    .addOption(
      new Option('--retry-backoff-duration <duration>', 'first wait before a retry')
        .argParser(goDuration)
        .default('5s'),
    )
    .addOption(
      new Option('--retry-backoff-max-duration <duration>', 'longest wait between retries')
        .argParser(goDuration)
        .default('3m'),
    )
    .addOption(
      new Option('--retry-backoff-factor <n>', 'the wait grows by this factor after each retry')
        .argParser(integer)
        .default(2),
    )
    .addOption(
      new Option('--info <key=value>', 'a note recorded with the operation (repeatable)').argParser(collectInfo),
    )
    .option('--async', 'do not wait for the sync to finish')
    .addOption(timeoutOption())
    .addOption(outputOption());
  return addAppCommandOptions(command).action(async (appName: string, options: SyncOptions, self: Command) => {
    if (!coreMode(self, options)) {
      await syncOnServer(appName, options);
      return;
    }
    const ref = appRefOf(appName, options);
    const client = ApplicationClient.connect(options);
    const username = localUsername();
    await runOperation(
      client,
      ref,
      (app) =>
        buildSyncOperation(app, {
          ...(options.revision !== undefined ? { revision: options.revision } : {}),
          prune: options.prune ?? false,
          dryRun: options.dryRun ?? false,
          force: options.force ?? false,
          ...(options.strategy ? { strategy: options.strategy } : {}),
          resources: options.resource ?? [],
          syncOptions: options.syncOption ?? [],
          applyOutOfSyncOnly: options.applyOutOfSyncOnly ?? false,
          replace: options.replace ?? false,
          serverSide: options.serverSide ?? false,
          retryLimit: options.retryLimit,
          retryBackoffDuration: options.retryBackoffDuration,
          retryBackoffMaxDuration: options.retryBackoffMaxDuration,
          retryBackoffFactor: options.retryBackoffFactor,
          info: options.info ?? [],
          username,
        }),
      { ...(options.async ? { async: true } : {}), timeout: options.timeout, output: options.output },
    );
  });
}

const SYNC_MUTATION = `mutation ($name: String!, $appNamespace: String, $revision: String, $resources: [SyncResourceInput!],
  $prune: Boolean, $dryRun: Boolean, $strategy: SyncStrategyInput, $syncOptions: [String!], $retry: RetryInput,
  $infos: [OperationInfoInput!]) {
  syncApplication(name: $name, appNamespace: $appNamespace, revision: $revision, resources: $resources, prune: $prune,
    dryRun: $dryRun, strategy: $strategy, syncOptions: $syncOptions, retry: $retry, infos: $infos) { name }
}`;

/** The flags as syncApplication's arguments; the server resolves selectors and checks what the app allows. */
export function syncVariables(options: SyncOptions): Record<string, unknown> {
  const syncOptions = [
    ...(options.syncOption ?? []),
    ...(options.replace ? ['Replace=true'] : []),
    ...(options.serverSide ? ['ServerSideApply=true'] : []),
    ...(options.applyOutOfSyncOnly ? ['ApplyOutOfSyncOnly=true'] : []),
  ];
  return {
    ...(options.revision !== undefined ? { revision: options.revision } : {}),
    prune: options.prune ?? false,
    dryRun: options.dryRun ?? false,
    ...(options.strategy || options.force
      ? { strategy: { type: options.strategy ?? 'hook', force: options.force ?? false } }
      : {}),
    ...(options.resource?.length
      ? {
          resources: options.resource.map((selector) => ({
            group: selector.group,
            kind: selector.kind,
            name: selector.name,
            exclude: selector.exclude,
            ...(selector.namespace !== undefined ? { namespace: selector.namespace } : {}),
          })),
        }
      : {}),
    ...(syncOptions.length > 0 ? { syncOptions } : {}),
    ...(options.retryLimit !== 0
      ? {
          retry: {
            limit: options.retryLimit,
            backoff: {
              duration: options.retryBackoffDuration,
              maxDuration: options.retryBackoffMaxDuration,
              factor: options.retryBackoffFactor,
            },
          },
        }
      : {}),
    ...(options.info?.length ? { infos: options.info.map(([name, value]) => ({ name, value })) } : {}),
  };
}

async function syncOnServer(appName: string, options: SyncOptions): Promise<void> {
  await runServerOperation(
    options,
    serverAppRef(appName, options.appNamespace),
    SYNC_MUTATION,
    syncVariables(options),
    {
      ...(options.async ? { async: true } : {}),
      timeout: options.timeout,
      output: options.output,
    },
  );
}
