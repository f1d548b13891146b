// `driftless admin …`: offline tools that need no server, mirroring `argocd admin`.
import { Command } from 'commander';
import { manifestsCommand } from './admin/manifests.command';
import { notificationsCommand } from './admin/notifications.command';
import { settingsCommand } from './admin/settings.command';
import { templateCommand } from './admin/template.command';
import { validateCommand } from './admin/validate.command';

export function adminCommand(): Command {
  return new Command('admin')
    .description('offline tools that need no server')
    .addCommand(manifestsCommand())
    .addCommand(notificationsCommand())
    .addCommand(settingsCommand())
    .addCommand(templateCommand())
    .addCommand(validateCommand());
}
