// `driftless app rollback APPNAME [ID]`: redeploys a history entry (default:
// the one before the current deployment) as a sync operation, then waits.
import { Command, InvalidArgumentError } from 'commander';
import { outputOption, type OutputFormat } from '../../output';
import { addAppCommandOptions, appRefOf, coreMode, timeoutOption, type AppCommandOptions } from './app-options';
import { runServerOperation } from './server-operation';
import { serverAppRef } from './server-app-ref';
import { ApplicationClient } from './application-client';
import { runOperation } from './operation-flow';
import { localUsername } from './operation-request';
import { buildRollbackOperation } from '../../../apps/operations/rollback-operation';

interface RollbackOptions extends AppCommandOptions {
  prune?: boolean;
  dryRun?: boolean;
  timeout: number;
  output: OutputFormat;
}

const ROLLBACK_MUTATION = `mutation ($name: String!, $appNamespace: String, $id: Int, $prune: Boolean, $dryRun: Boolean) {
  rollbackApplication(name: $name, appNamespace: $appNamespace, id: $id, prune: $prune, dryRun: $dryRun) { name }
}`;

function historyId(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError(`"${value}" is not a history ID — see: driftless app history APPNAME`);
  return Number(value);
}

export function appRollbackCommand(): Command {
  const command = new Command('rollback')
    .description('roll an application back to a deployment in its history (default: the previous one)')
    .argument('<appname>', 'NAME or NAMESPACE/NAME')
    .argument('[id]', 'history ID (driftless app history APPNAME)', historyId)
    .option('--prune', 'allow deleting resources that are not in the rolled-back revision')
    .option('--dry-run', 'preview the rollback without changing the cluster')
    .addOption(timeoutOption())
    .addOption(outputOption());
  return addAppCommandOptions(command).action(
    async (appName: string, id: number | undefined, options: RollbackOptions, self: Command) => {
      if (!coreMode(self, options)) {
        await runServerOperation(
          options,
          serverAppRef(appName, options.appNamespace),
          ROLLBACK_MUTATION,
          { ...(id !== undefined ? { id } : {}), prune: options.prune ?? false, dryRun: options.dryRun ?? false },
          { timeout: options.timeout, output: options.output },
        );
        return;
      }
      const ref = appRefOf(appName, options);
      const client = ApplicationClient.connect(options);
      const username = localUsername();
      await runOperation(
        client,
        ref,
        (app) =>
          buildRollbackOperation(app, id, {
            prune: options.prune ?? false,
            dryRun: options.dryRun ?? false,
            username,
          }),
        { timeout: options.timeout, output: options.output },
      );
    },
  );
}
