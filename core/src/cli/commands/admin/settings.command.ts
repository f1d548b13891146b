// `driftless admin settings …`: check argocd-* settings offline, as `argocd admin settings` does.
import { Command } from 'commander';
import { rbacCommand } from './rbac.command';
import { resourceOverridesCommand } from './resource-overrides.command';

export function settingsCommand(): Command {
  return new Command('settings')
    .description('check argocd-cm and argocd-rbac-cm settings offline')
    .addCommand(rbacCommand())
    .addCommand(resourceOverridesCommand());
}
