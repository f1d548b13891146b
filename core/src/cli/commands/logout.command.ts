// `driftless logout [CONTEXT]`: revokes the context's session on the server and
// forgets its token (Argo CD's `argocd logout`).
import { Command, Option } from 'commander';
import { defaultConfigPath, readCliConfig, resolveContext, withoutToken, writeCliConfig } from '../client/cli-config';
import { graphqlRequest } from '../client/graphql-client';
import { CliError, ExitCode } from '../exit-codes';

export function logoutCommand(): Command {
  return new Command('logout')
    .description('log out of a context (default: the current one): revoke its session and forget its token')
    .argument('[context]', 'context name')
    .addOption(new Option('--config <file>', 'CLI config (contexts and tokens)').env('DRIFTLESS_CONFIG'))
    .action(async (name: string | undefined, options: { config?: string }) => {
      const configPath = options.config ?? defaultConfigPath();
      const config = await readCliConfig(configPath);
      const context = resolveContext(config, name ?? config['current-context']);
      if (context === undefined)
        throw new CliError(`no context ${JSON.stringify(name ?? config['current-context'])}`, ExitCode.usage);
      if (context.token !== undefined) {
        // A token the server no longer accepts is as good as revoked: forget it either way.
        await graphqlRequest(
          { server: context.server, authToken: context.token, insecure: context.insecure, config: configPath },
          'mutation { logout }',
        ).catch(() => undefined);
      }
      await writeCliConfig(configPath, withoutToken(config, context.name));
      process.stdout.write(`Logged out from '${context.name}'\n`);
    });
}
