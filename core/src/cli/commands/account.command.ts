// `driftless account …`: local accounts over GraphQL, as Argo CD's `argocd
// account` (update-password, generate-token, delete-token, list,
// get-user-info, can-i).
import { Command, Option } from 'commander';
import { parseGoDuration } from '../../auth/accounts/go-duration';
import { defaultConfigPath, readCliConfig, resolveContext } from '../client/cli-config';
import { graphqlRequest } from '../client/graphql-client';
import { prompt } from '../client/prompt';
import { addServerOptions, resolveServer, type ServerOptions } from '../client/server-options';
import { CliError, ExitCode } from '../exit-codes';
import { outputOption, render, type OutputFormat } from '../output';
import { loginAndStore } from './login.command';

interface AccountView {
  name: string;
  enabled: boolean;
  capabilities: string[];
  tokens: { id: string; issuedAt: number; expiresAt: number | null }[];
}

const whoAmI = async (options: ServerOptions): Promise<string> =>
  (await graphqlRequest<{ userInfo: { username: string } }>(options, '{ userInfo { username } }')).userInfo.username;

function listCommand(): Command {
  const command = new Command('list').description('list accounts').addOption(outputOption());
  return addServerOptions(command).action(async (options: ServerOptions & { output: OutputFormat }) => {
    const { accounts } = await graphqlRequest<{ accounts: AccountView[] }>(
      options,
      '{ accounts { name enabled capabilities tokens { id issuedAt expiresAt } } }',
    );
    process.stdout.write(
      render(
        {
          data: accounts,
          rows: accounts,
          columns: [
            { header: 'NAME', value: (account) => account.name },
            { header: 'ENABLED', value: (account) => String(account.enabled) },
            { header: 'CAPABILITIES', value: (account) => account.capabilities.join(', ') },
          ],
          name: (account) => account.name,
        },
        options.output,
      ),
    );
  });
}

function userInfoCommand(): Command {
  const command = new Command('get-user-info').description('who the current session is').addOption(outputOption());
  return addServerOptions(command).action(async (options: ServerOptions & { output: OutputFormat }) => {
    const { userInfo } = await graphqlRequest<{
      userInfo: { loggedIn: boolean; username: string; iss: string; groups: string[] };
    }>(options, '{ userInfo { loggedIn username iss groups } }');
    if (options.output === 'json' || options.output === 'yaml') {
      process.stdout.write(render({ data: userInfo, rows: [], columns: [], name: () => '' }, options.output));
      return;
    }
    process.stdout.write(
      `Logged In: ${userInfo.loggedIn}\nUsername: ${userInfo.username}\nIssuer: ${userInfo.iss}\nGroups: ${userInfo.groups.join(',')}\n`,
    );
  });
}

function canICommand(): Command {
  const command = new Command('can-i')
    .description('whether the current session may do ACTION on RESOURCE [SUBRESOURCE]; prints yes or no')
    .argument('<action>', 'get, create, update, delete, sync, override, action/…, …')
    .argument('<resource>', 'applications, projects, clusters, repositories, accounts, plugins, …')
    .argument('[subresource]', 'the object, e.g. <project>/<app>', '');
  return addServerOptions(command).action(
    async (action: string, resource: string, subresource: string, options: ServerOptions) => {
      const { can } = await graphqlRequest<{ can: boolean }>(
        options,
        'query ($a: String!, $r: String!, $o: String!) { can(action: $a, resource: $r, object: $o) }',
        { a: action, r: resource, o: subresource },
      );
      process.stdout.write(can ? 'yes\n' : 'no\n');
    },
  );
}

function generateTokenCommand(): Command {
  const command = new Command('generate-token')
    .description('create an API token for an account with the apiKey capability and print it')
    .addOption(new Option('-a, --account <name>', 'account (default: the current one)'))
    .addOption(new Option('-e, --expires-in <duration>', 'lifetime, e.g. 24h; 0s never expires').default('0s'))
    .addOption(new Option('--id <id>', 'token id (default: a random UUID)'));
  return addServerOptions(command).action(
    async (options: ServerOptions & { account?: string; expiresIn: string; id?: string }) => {
      const lifetimeMs = parseGoDuration(options.expiresIn);
      if (lifetimeMs === undefined)
        throw new CliError(
          `--expires-in ${JSON.stringify(options.expiresIn)} is not a duration such as 24h`,
          ExitCode.usage,
        );
      const account = options.account ?? (await whoAmI(options));
      const { createAccountToken } = await graphqlRequest<{ createAccountToken: { token: string } }>(
        options,
        'mutation ($a: String!, $e: Int!, $i: String) { createAccountToken(account: $a, expiresIn: $e, id: $i) { token } }',
        { a: account, e: Math.round(lifetimeMs / 1000), i: options.id ?? null },
      );
      process.stdout.write(`${createAccountToken.token}\n`);
    },
  );
}

function deleteTokenCommand(): Command {
  const command = new Command('delete-token')
    .description('delete an API token of an account')
    .argument('<id>', 'token id')
    .addOption(new Option('-a, --account <name>', 'account (default: the current one)'));
  return addServerOptions(command).action(async (id: string, options: ServerOptions & { account?: string }) => {
    const account = options.account ?? (await whoAmI(options));
    await graphqlRequest(options, 'mutation ($a: String!, $i: String!) { deleteAccountToken(account: $a, id: $i) }', {
      a: account,
      i: id,
    });
  });
}

interface UpdatePasswordOptions extends ServerOptions {
  account?: string;
  currentPassword?: string;
  newPassword?: string;
}

function updatePasswordCommand(): Command {
  const command = new Command('update-password')
    .description("change an account's password (default: your own; then this context logs in again)")
    .addOption(new Option('--account <name>', 'account to change (default: the current one)'))
    .addOption(new Option('--current-password <password>', 'your current password (asked for when missing)'))
    .addOption(new Option('--new-password <password>', 'the new password (asked for when missing)'));
  return addServerOptions(command).action(async (options: UpdatePasswordOptions) => {
    const self = await whoAmI(options);
    const account = options.account ?? self;
    const currentPassword =
      options.currentPassword ??
      (await prompt(`*** Enter password of currently logged in user (${self}): `, '--current-password', true));
    const newPassword =
      options.newPassword ?? (await prompt(`*** Enter new password for user ${account}: `, '--new-password', true));
    await graphqlRequest(
      options,
      'mutation ($c: String!, $n: String!, $a: String) { updatePassword(currentPassword: $c, newPassword: $n, name: $a) }',
      { c: currentPassword, n: newPassword, a: account },
    );
    process.stdout.write('Password updated\n');
    if (account !== self || options.authToken !== undefined) return;
    // Our own password: the stored session is revoked now, so log in again with the new one (as Argo CD's CLI does).
    const configPath = options.config ?? defaultConfigPath();
    const context = resolveContext(await readCliConfig(configPath));
    const target = await resolveServer(options);
    if (context === undefined || context.server !== target.server) return;
    await loginAndStore({
      server: target.server,
      username: self,
      password: newPassword,
      insecure: target.insecure,
      contextName: context.name,
      configPath,
    });
    process.stdout.write(`Context '${context.name}' updated\n`);
  });
}

export function accountCommand(): Command {
  return new Command('account')
    .description('local accounts: passwords, API tokens, permissions')
    .addCommand(updatePasswordCommand())
    .addCommand(generateTokenCommand())
    .addCommand(deleteTokenCommand())
    .addCommand(listCommand())
    .addCommand(userInfoCommand())
    .addCommand(canICommand());
}
