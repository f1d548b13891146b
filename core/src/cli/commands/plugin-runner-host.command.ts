// `driftless plugin-runner-host`: the command of the plugin-runners sidecar.
// It starts plugin runner processes for the kernel in a container that has no
// service-account token, so a plugin that escaped its isolate cannot act as
// the control plane. The kernel reaches it through DRIFTLESS_PLUGIN_RUNNER_SOCKET.
import { isAbsolute } from 'node:path';
import { RunnerHost } from '@driftless/plugin-sdk';
import { Command, InvalidArgumentError, Option } from 'commander';
import { defaultToolDirs } from '../../plugins/builtin-discovery';
import { CliError, ExitCode } from '../exit-codes';
import { stopOnSignal } from '../stop-on-signal';

interface RunnerHostCommandOptions {
  socket: string;
  socketMode: number;
  maxRunners: number;
}

function parseSocketPath(value: string): string {
  if (!isAbsolute(value)) throw new InvalidArgumentError('must be an absolute path, e.g. /run/driftless/runners.sock');
  return value;
}

function parseSocketMode(value: string): number {
  if (value !== '600' && value !== '660') throw new InvalidArgumentError('must be 600 (owner only) or 660 (and group)');
  return Number.parseInt(value, 8);
}

function parseMaxRunners(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 1024)
    throw new InvalidArgumentError('must be a whole number from 1 to 1024');
  return count;
}

export function pluginRunnerHostCommand(): Command {
  return new Command('plugin-runner-host')
    .description('start plugin runners for a kernel that connects on a Unix socket (the plugin-runners sidecar)')
    .requiredOption('--socket <path>', 'Unix socket to listen on', parseSocketPath)
    .addOption(
      new Option('--socket-mode <mode>', 'permissions of the socket file: 600 or 660')
        .argParser(parseSocketMode)
        .default(0o600, '600'),
    )
    .addOption(
      new Option('--max-runners <count>', 'most runner processes at once').argParser(parseMaxRunners).default(64),
    )
    .action(async (options: RunnerHostCommandOptions) => {
      const log = (line: string): void => void process.stderr.write(`driftless plugin-runner-host: ${line}\n`);
      const host = await RunnerHost.listen({
        socketPath: options.socket,
        socketMode: options.socketMode,
        maxRunners: options.maxRunners,
        toolDirs: defaultToolDirs(),
        log,
      }).catch((error: unknown) => {
        throw new CliError(`cannot listen on ${options.socket}: ${(error as Error).message}`, ExitCode.unreachable);
      });
      log(`listening on ${options.socket}`);
      stopOnSignal(() => host.close());
    });
}
