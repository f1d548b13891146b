// `driftless login SERVER`: logs a local account in over GraphQL and stores the
// session as the current context (Argo CD's `argocd login`). With --sso, the
// CLI logs in through the server's OpenID provider (cli/sso/sso-login.ts).
import { Command, InvalidArgumentError, Option } from 'commander';
import { defaultConfigPath, readCliConfig, serverUrl, upsertContext, writeCliConfig } from '../client/cli-config';
import { graphqlRequest } from '../client/graphql-client';
import { prompt } from '../client/prompt';
import { CliError, ExitCode } from '../exit-codes';

interface LoginOptions {
  username?: string;
  password?: string;
  plaintext: boolean;
  insecure: boolean;
  name?: string;
  config?: string;
  sso: boolean;
  ssoPort: number;
  ssoLaunchBrowser: boolean;
}

/** Argo CD's `--sso-port` default. */
const DEFAULT_SSO_PORT = 8085;

const LOGIN_MUTATION =
  'mutation ($username: String!, $password: String!) { login(username: $username, password: $password) { token } }';

/** Logs in and stores the token under the context; shared with `account update-password`. */
export async function loginAndStore(options: {
  server: string;
  username: string;
  password: string;
  insecure: boolean;
  contextName: string;
  configPath: string;
}): Promise<void> {
  const { login } = await graphqlRequest<{ login: { token: string } }>(
    { server: options.server, insecure: options.insecure, config: options.configPath },
    LOGIN_MUTATION,
    { username: options.username, password: options.password },
  );
  const config = await readCliConfig(options.configPath);
  await writeCliConfig(
    options.configPath,
    upsertContext(config, {
      name: options.contextName,
      server: options.server,
      insecure: options.insecure,
      token: login.token,
    }),
  );
}

export function loginCommand(): Command {
  return new Command('login')
    .description('log in to a Driftless server and make it the current context')
    .argument('<server>', 'host:port (https, or http with --plaintext) or a URL')
    .addOption(new Option('--username <name>', 'local account (asked for when missing)'))
    .addOption(new Option('--password <password>', 'its password (asked for when missing)'))
    .addOption(new Option('--plaintext', 'use http instead of https').default(false))
    .addOption(new Option('--insecure', 'skip TLS certificate verification').default(false))
    .addOption(new Option('--name <context>', 'context name (default: the server)'))
    .addOption(new Option('--config <file>', 'CLI config (contexts and tokens)').env('DRIFTLESS_CONFIG'))
    .addOption(new Option('--sso', "log in through the server's OpenID provider (single sign-on)").default(false))
    .addOption(
      new Option('--sso-port <port>', 'local port for the SSO callback (http://localhost:<port>/auth/callback)')
        .argParser(parsePort)
        .default(DEFAULT_SSO_PORT),
    )
    .addOption(
      new Option('--sso-launch-browser [bool]', 'open the system browser for SSO (false: print the URL only)')
        .argParser((value: string) => parseBool(value, '--sso-launch-browser'))
        .preset('true')
        .default(true),
    )
    .action(async (server: string, options: LoginOptions) => {
      const url = serverUrl(server, options.plaintext);
      if (options.sso) {
        if (options.username !== undefined || options.password !== undefined)
          throw new CliError('--sso does not take --username or --password', ExitCode.usage);
        await ssoLoginAndStore(server, url, options);
        return;
      }
      const username = options.username ?? (await prompt('Username: ', '--username'));
      const password = options.password ?? (await prompt('Password: ', '--password', true));
      const contextName = options.name ?? server.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
      await loginAndStore({
        server: url,
        username,
        password,
        insecure: options.insecure,
        contextName,
        configPath: options.config ?? defaultConfigPath(),
      });
      process.stdout.write(`'${username}:login' logged in successfully\nContext '${contextName}' updated\n`);
    });
}

async function ssoLoginAndStore(server: string, url: string, options: LoginOptions): Promise<void> {
  // Loaded only for --sso: openid-client is not needed by any other command.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  const { ssoLogin } = require('../sso/sso-login') as typeof import('../sso/sso-login');
  const session = await ssoLogin({
    server: url,
    insecure: options.insecure,
    port: options.ssoPort,
    launchBrowser: options.ssoLaunchBrowser,
    say: (line) => process.stderr.write(`${line}\n`),
  });
  const contextName = options.name ?? server.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  const configPath = options.config ?? defaultConfigPath();
  const config = await readCliConfig(configPath);
  await writeCliConfig(
    configPath,
    upsertContext(config, { name: contextName, server: url, insecure: options.insecure, token: session.token }),
  );
  process.stdout.write(
    `'${session.email ?? session.name ?? session.username}' logged in successfully\nContext '${contextName}' updated\n`,
  );
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new InvalidArgumentError('--sso-port must be a port number (1-65535)');
  return port;
}

function parseBool(value: string, flag: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidArgumentError(`${flag} must be true or false`);
}
