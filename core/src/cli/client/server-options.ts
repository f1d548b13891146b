// Options every client command shares to reach a Driftless server.
import { type Command, Option } from 'commander';

export interface ServerOptions {
  server: string;
  authToken?: string;
}

export function addServerOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--server <url>', 'Driftless server URL').env('DRIFTLESS_SERVER').default('http://127.0.0.1:8080'),
    )
    .addOption(new Option('--auth-token <token>', 'bearer token for the server').env('DRIFTLESS_AUTH_TOKEN'));
}
