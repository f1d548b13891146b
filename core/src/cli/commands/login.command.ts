// `driftless login SERVER`: logs a local account in over GraphQL and stores the
// session as the current context (Argo CD's `argocd login`).
import { Command, Option } from 'commander';
import { defaultConfigPath, readCliConfig, serverUrl, upsertContext, writeCliConfig } from '../client/cli-config';
import { graphqlRequest } from '../client/graphql-client';
import { prompt } from '../client/prompt';

interface LoginOptions {
  username?: string;
  password?: string;
  plaintext: boolean;
  insecure: boolean;
  name?: string;
  config?: string;
}

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
    .action(async (server: string, options: LoginOptions) => {
      const url = serverUrl(server, options.plaintext);
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
