#!/usr/bin/env node
// Entry point of the `driftless` binary. Expected failures (bad flags, bad
// configuration, unreachable dependencies) print one line and exit with a
// meaningful code; anything else is a bug and keeps its stack trace.
import 'reflect-metadata';
import { CommanderError } from 'commander';
import { ConfigError } from '../config/config.schema';
import { DependencyUnreachableError } from '../common/dependency-errors';
import { NoClusterConfiguredError } from '../kube/cluster-connection';
import { CliError, ExitCode } from './exit-codes';
import { buildProgram } from './program';

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return reportFailure(error);
  }
}

function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander has printed the message (or the help/version text) already.
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return ExitCode.ok;
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof CliError) return fail(error.message, error.exitCode);
  if (error instanceof ConfigError) return fail(error.message, ExitCode.usage);
  if (error instanceof DependencyUnreachableError || error instanceof NoClusterConfiguredError)
    return fail(error.message, ExitCode.unreachable);
  if (isAddressInUse(error))
    return fail(
      `cannot listen on ${error.address ?? ''}:${error.port ?? ''}: the port is in use — stop the other process or pass --port`,
      ExitCode.unreachable,
    );
  process.stderr.write(
    `driftless: unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return ExitCode.failed;
}

function fail(message: string, code: number): number {
  // An empty message means the command already said everything (e.g. "No" from rbac can).
  if (message) process.stderr.write(`driftless: ${message}\n`);
  return code;
}

function isAddressInUse(error: unknown): error is NodeJS.ErrnoException & { address?: string; port?: number } {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    if (code !== ExitCode.ok) process.exit(code);
  });
}
