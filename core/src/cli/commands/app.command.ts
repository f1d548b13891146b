// `driftless app …`: applications, through the server's GraphQL API (`create`,
// `set`, `unset`, `edit`, `add-source` and `remove-source` write the spec
// through it; `confirm-deletion` sets the deletion-approved annotation). `sync`,
// `rollback`, `terminate-op` and `delete` use its mutations, or with --core
// (or a --kubeconfig on the command line) write the Application in the
// control-plane cluster directly as Argo CD's --core mode does; `history`
// reads the cluster directly; `get`, `resources`, `get-resource`,
// `manifests`, `diff` and `wait` read through the server.
import { Command } from 'commander';
import { appCreateCommand, appSetCommand } from './app/app-create-set.commands';
import { appConfirmDeletionCommand } from './app/app-confirm-deletion.command';
import { appDeleteCommand } from './app/app-delete.command';
import { appDiffCommand } from './app/app-diff.command';
import { appEditCommand } from './app/app-edit.command';
import { appGetResourceCommand } from './app/app-get-resource.command';
import { appManifestsCommand } from './app/app-manifests.command';
import { appResourcesCommand } from './app/app-resources.command';
import { appWaitCommand } from './app/app-wait.command';
import {
  appActionsCommand,
  appDeleteResourceCommand,
  appPatchCommand,
  appPatchResourceCommand,
} from './app/app-resource.commands';
import { appGetCommand } from './app/app-get.command';
import { appHistoryCommand } from './app/app-history.command';
import { appListCommand } from './app/app-list.command';
import { appRollbackCommand } from './app/app-rollback.command';
import { appSyncCommand } from './app/app-sync.command';
import { appTerminateOpCommand } from './app/app-terminate-op.command';
import { appAddSourceCommand, appRemoveSourceCommand } from './app/app-source.commands';
import { appUnsetCommand } from './app/app-unset.command';

export function appCommand(): Command {
  return new Command('app')
    .description('manage applications')
    .addCommand(appListCommand())
    .addCommand(appGetCommand())
    .addCommand(appSyncCommand())
    .addCommand(appRollbackCommand())
    .addCommand(appTerminateOpCommand())
    .addCommand(appHistoryCommand())
    .addCommand(appCreateCommand())
    .addCommand(appSetCommand())
    .addCommand(appUnsetCommand())
    .addCommand(appEditCommand())
    .addCommand(appAddSourceCommand())
    .addCommand(appRemoveSourceCommand())
    .addCommand(appDeleteCommand())
    .addCommand(appConfirmDeletionCommand())
    .addCommand(appPatchCommand())
    .addCommand(appPatchResourceCommand())
    .addCommand(appDeleteResourceCommand())
    .addCommand(appActionsCommand())
    .addCommand(appResourcesCommand())
    .addCommand(appGetResourceCommand())
    .addCommand(appManifestsCommand())
    .addCommand(appDiffCommand())
    .addCommand(appWaitCommand());
}
