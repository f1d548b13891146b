// `driftless context [CONTEXT]`: lists the CLI's contexts or switches to one
// (Argo CD's `argocd context`).
import { Command, Option } from 'commander';
import { defaultConfigPath, readCliConfig, writeCliConfig } from '../client/cli-config';
import { CliError, ExitCode } from '../exit-codes';
import { renderTable } from '../output';

export function contextCommand(): Command {
  return new Command('context')
    .alias('ctx')
    .description('list contexts, or switch to one')
    .argument('[context]', 'context to make current')
    .addOption(new Option('--delete', 'delete the context instead').default(false))
    .addOption(new Option('--config <file>', 'CLI config (contexts and tokens)').env('DRIFTLESS_CONFIG'))
    .action(async (name: string | undefined, options: { delete: boolean; config?: string }) => {
      const configPath = options.config ?? defaultConfigPath();
      const config = await readCliConfig(configPath);
      if (name === undefined) {
        const rows = config.contexts.map((context) => ({
          ...context,
          current: context.name === config['current-context'],
        }));
        process.stdout.write(
          renderTable(rows, [
            { header: 'CURRENT', value: (row) => (row.current ? '*' : '') },
            { header: 'NAME', value: (row) => row.name },
            { header: 'SERVER', value: (row) => row.server },
          ]),
        );
        return;
      }
      const context = config.contexts.find((entry) => entry.name === name);
      if (context === undefined) throw new CliError(`no context ${JSON.stringify(name)}`, ExitCode.usage);
      if (options.delete) {
        const contexts = config.contexts.filter((entry) => entry.name !== name);
        await writeCliConfig(configPath, {
          'current-context': config['current-context'] === name ? '' : config['current-context'],
          contexts,
          servers: config.servers.filter((server) => contexts.some((entry) => entry.server === server.server)),
          users: config.users.filter((user) => contexts.some((entry) => entry.user === user.name)),
        });
        process.stdout.write(`Context '${name}' deleted\n`);
        return;
      }
      await writeCliConfig(configPath, { ...config, 'current-context': name });
      process.stdout.write(`Switched to context '${name}'\n`);
    });
}
