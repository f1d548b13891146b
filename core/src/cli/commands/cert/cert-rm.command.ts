// `driftless cert rm HOSTNAME_PATTERN [--cert-type] [--cert-sub-type]`:
// removes every matching certificate and known host key. A lone * is refused
// (as in Argo CD: removing everything takes a deliberate pattern); a person
// at a terminal confirms first unless --yes.
import { Command, Option } from 'commander';
import { CliError, ExitCode } from '../../exit-codes';
import { confirm, isInteractive } from '../cluster/confirm';
import { withModeOptions } from '../repo-write.commands';
import { certificateBackend, type CertModeOptions } from './certificate-backend';

interface RmOptions extends CertModeOptions {
  certType?: string;
  certSubType?: string;
  yes?: boolean;
}

export function certRmCommand(): Command {
  const command = new Command('rm')
    .description('remove the certificates and known host keys of repository servers matching a pattern')
    .argument('<hostname-pattern>', 'server name or glob pattern')
    .addOption(new Option('--cert-type <type>', 'only certificates of this type').choices(['https', 'ssh']))
    .option('--cert-sub-type <subtype>', 'only this key type (e.g. ssh-ed25519) or TLS key algorithm')
    .option('-y, --yes', 'do not ask for confirmation');
  return withModeOptions(command).action(async (pattern: string, options: RmOptions, self: Command) => {
    if (pattern === '*') throw new CliError('a single wildcard is not allowed as HOSTNAME_PATTERN', ExitCode.usage);
    if (!options.yes && isInteractive()) {
      const proceed = await confirm(`Are you sure you want to remove all certificates for '${pattern}'? [y/n] `);
      if (!proceed) {
        process.stdout.write(`The command to remove all certificates for '${pattern}' was cancelled.\n`);
        return;
      }
    }
    const removed = await certificateBackend(self, options).remove({
      hostNamePattern: pattern,
      certType: options.certType,
      certSubType: options.certSubType,
    });
    if (removed.length === 0) process.stdout.write('No certificates were removed (none matched the given pattern)\n');
    for (const certificate of removed)
      process.stdout.write(
        `Removed cert for '${certificate.serverName}' of type '${certificate.certType}' (subtype '${certificate.certSubType}')\n`,
      );
  });
}
