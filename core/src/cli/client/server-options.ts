// Options every client command shares to reach a Driftless server, and how they
// resolve: --server / DRIFTLESS_SERVER, else the current context of the CLI
// config (`driftless login`), else http://127.0.0.1:8080 (local mode); the
// token from --auth-token / DRIFTLESS_AUTH_TOKEN, else the context's when it is
// for that same server.
import { type Command, Option } from 'commander';
import { defaultConfigPath, readCliConfig, resolveContext } from './cli-config';

export const LOCAL_SERVER = 'http://127.0.0.1:8080';

export interface ServerOptions {
  server?: string;
  authToken?: string;
  config?: string;
  insecure?: boolean;
}

export interface ResolvedServer {
  server: string;
  authToken: string | undefined;
  insecure: boolean;
}

export function addServerOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--server <url>', `Driftless server URL (default: the current context, else ${LOCAL_SERVER})`).env(
        'DRIFTLESS_SERVER',
      ),
    )
    .addOption(new Option('--auth-token <token>', 'bearer token for the server').env('DRIFTLESS_AUTH_TOKEN'))
    .addOption(new Option('--config <file>', 'CLI config (contexts and tokens)').env('DRIFTLESS_CONFIG'))
    .addOption(new Option('--insecure', 'skip TLS certificate verification'));
}

export async function resolveServer(options: ServerOptions): Promise<ResolvedServer> {
  const context = resolveContext(await readCliConfig(options.config ?? defaultConfigPath()));
  const server = (options.server ?? context?.server ?? LOCAL_SERVER).replace(/\/+$/, '');
  const fromContext = context !== undefined && context.server === server;
  return {
    server,
    authToken: options.authToken ?? (fromContext ? context.token : undefined),
    insecure: options.insecure === true || (fromContext && context.insecure),
  };
}
