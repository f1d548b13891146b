// `driftless cert`: repository TLS certificates (argocd-tls-certs-cm) and SSH
// known host keys (argocd-ssh-known-hosts-cm), as `argocd cert`.
import { Command } from 'commander';
import { certAddCommands } from './cert/cert-add.commands';
import { certListCommand } from './cert/cert-list.command';
import { certRmCommand } from './cert/cert-rm.command';

export function certCommand(): Command {
  const command = new Command('cert').description('repository certificates and SSH known hosts entries');
  for (const add of certAddCommands()) command.addCommand(add);
  return command.addCommand(certListCommand()).addCommand(certRmCommand());
}
