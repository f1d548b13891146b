// `driftless app …`: applications, through the server's GraphQL API.
import { Command } from 'commander';
import { appGetCommand } from './app/app-get.command';
import { appListCommand } from './app/app-list.command';

export function appCommand(): Command {
  return new Command('app').description('manage applications').addCommand(appListCommand()).addCommand(appGetCommand());
}
