// `driftless app …`: applications. `list` and `get` read through the
// server's GraphQL API; `sync`, `rollback`, `terminate-op`, `history` and
// `delete` work on the Application in the control-plane cluster directly
// (Argo CD's --core mode) until the API has mutations.
import { Command } from 'commander';
import { appDeleteCommand } from './app/app-delete.command';
import { appGetCommand } from './app/app-get.command';
import { appHistoryCommand } from './app/app-history.command';
import { appListCommand } from './app/app-list.command';
import { appRollbackCommand } from './app/app-rollback.command';
import { appSyncCommand } from './app/app-sync.command';
import { appTerminateOpCommand } from './app/app-terminate-op.command';

export function appCommand(): Command {
  return new Command('app')
    .description('manage applications')
    .addCommand(appListCommand())
    .addCommand(appGetCommand())
    .addCommand(appSyncCommand())
    .addCommand(appRollbackCommand())
    .addCommand(appTerminateOpCommand())
    .addCommand(appHistoryCommand())
    .addCommand(appDeleteCommand());
}
