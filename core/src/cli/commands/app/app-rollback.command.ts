// `driftless app rollback APPNAME [ID]`: redeploys a history entry (default:
// the one before the current deployment) as a sync operation, then waits.
import { Command, InvalidArgumentError } from 'commander';
import { outputOption, type OutputFormat } from '../../output';
import { addAppCommandOptions, appRefOf, timeoutOption, type AppCommandOptions } from './app-options';
import { ApplicationClient } from './application-client';
import { runOperation } from './operation-flow';
import { localUsername } from './operation-request';
import { buildRollbackOperation } from './rollback-operation';

interface RollbackOptions extends AppCommandOptions {
  prune?: boolean;
  dryRun?: boolean;
  timeout: number;
  output: OutputFormat;
}

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
    async (appName: string, id: number | undefined, options: RollbackOptions) => {
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
