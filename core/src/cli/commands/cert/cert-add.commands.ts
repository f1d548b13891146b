// `driftless cert add-tls SERVER` and `driftless cert add-ssh --batch`: the
// input is parsed and checked here first (one line naming the bad entry,
// exit 2), then saved by the server or, with --core, directly.
import { Command } from 'commander';
import { CertificateInputProblem } from '../../../repo/certificates/certificate-problem';
import { type CertificateRequest } from '../../../repo/certificates/repository-certificate';
import { checkTlsServerName } from '../../../repo/certificates/server-names';
import { parseKnownHosts } from '../../../repo/certificates/ssh-known-hosts';
import { joinPem, parsePemCertificates } from '../../../repo/certificates/tls-certificates';
import { CliError, ExitCode } from '../../exit-codes';
import { withModeOptions } from '../repo-write.commands';
import { certificateBackend, type CertModeOptions } from './certificate-backend';
import { readCertInput } from './cert-input';

interface AddOptions extends CertModeOptions {
  from?: string;
  upsert?: boolean;
  batch?: boolean;
}

function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof CertificateInputProblem) throw new CliError(error.message, ExitCode.usage);
    throw error;
  }
}

function addTlsCommand(): Command {
  const command = new Command('add-tls')
    .description('add TLS certificate data (PEM) for connecting to repository server SERVERNAME')
    .argument('<servername>', 'repository server name, e.g. git.example.com')
    .option('--from <file>', 'read the PEM certificates from a file (default: standard input)')
    .option('--upsert', 'replace an existing certificate if it is different');
  return withModeOptions(command).action(async (serverName: string, options: AddOptions, self: Command) => {
    parsed(() => checkTlsServerName(serverName));
    const text = await readCertInput(options.from, 'TLS certificate data in PEM format');
    const certificates = parsed(() => parsePemCertificates(text, serverName));
    const request: CertificateRequest = { serverName, certType: 'https', certData: joinPem(certificates) };
    await certificateBackend(self, options).create([request], options.upsert === true);
    process.stdout.write(
      `Created/updated TLS certificate entry for repository server ${serverName} with ${certificates.length} unique PEM certificates\n`,
    );
  });
}

function addSshCommand(): Command {
  const command = new Command('add-ssh')
    .description('add SSH known host entries (known_hosts lines) for repository servers')
    .option('--batch', 'read SSH known hosts data (mandatory, as in Argo CD)')
    .option('--from <file>', 'read the known_hosts lines from a file (default: standard input)')
    .option('--upsert', 'replace existing host keys if they are different');
  return withModeOptions(command).action(async (options: AddOptions, self: Command) => {
    if (!options.batch) throw new CliError('add-ssh needs --batch (see --help)', ExitCode.usage);
    const text = await readCertInput(options.from, 'SSH known hosts entries, one per line');
    const requests: CertificateRequest[] = parsed(() => parseKnownHosts(text)).map((entry) => ({
      serverName: entry.host,
      certType: 'ssh',
      certSubType: entry.keyType,
      certData: entry.key,
    }));
    const created = await certificateBackend(self, options).create(requests, options.upsert === true);
    process.stdout.write(`Successfully created ${created.length} SSH known host entries\n`);
  });
}

export function certAddCommands(): Command[] {
  return [addTlsCommand(), addSshCommand()];
}
