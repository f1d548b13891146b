// The `driftless` command tree: role commands run the kernel; client commands
// talk to a server over GraphQL; `admin` commands work offline.
import { Command } from 'commander';
import { pluginCommand } from '../plugins/cli/plugin.command';
import { buildInfo } from '../version';
import { accountCommand } from './commands/account.command';
import { adminCommand } from './commands/admin.command';
import { appCommand } from './commands/app.command';
import { certCommand } from './commands/cert.command';
import { clusterCommand } from './commands/cluster.command';
import { contextCommand } from './commands/context.command';
import { loginCommand } from './commands/login.command';
import { logoutCommand } from './commands/logout.command';
import { roleCommandList } from './commands/role.commands';
import { pluginRunnerHostCommand } from './commands/plugin-runner-host.command';
import { projCommand } from './commands/proj.command';
import { repoCommand, repoCredsCommand } from './commands/repo.command';
import { simCommand } from './commands/sim.command';
import { versionCommand } from './commands/version.command';

export function buildProgram(): Command {
  const program = new Command('driftless')
    .description('GitOps continuous delivery for Kubernetes, compatible with Argo CD')
    .version(buildInfo.version, '--version', 'print the client version')
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false });
  for (const command of roleCommandList()) program.addCommand(command);
  program.addCommand(loginCommand());
  program.addCommand(logoutCommand());
  program.addCommand(contextCommand());
  program.addCommand(accountCommand());
  program.addCommand(appCommand());
  program.addCommand(repoCommand());
  program.addCommand(repoCredsCommand());
  program.addCommand(certCommand());
  program.addCommand(clusterCommand());
  program.addCommand(projCommand());
  program.addCommand(pluginCommand());
  program.addCommand(pluginRunnerHostCommand());
  program.addCommand(simCommand());
  program.addCommand(versionCommand());
  program.addCommand(adminCommand());
  applyRecursively(program, (command) => command.exitOverride().showHelpAfterError('(add --help for usage)'));
  return program;
}

function applyRecursively(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const child of command.commands) applyRecursively(child, apply);
}
