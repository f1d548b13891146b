// `driftless cert list`: Argo CD's HOSTNAME TYPE SUBTYPE INFO table (SSH
// fingerprints, TLS subjects), sorted by host name or type.
import { Command, Option } from 'commander';
import { type RepositoryCertificate } from '../../../repo/certificates/repository-certificate';
import { outputOption, render, type Column, type OutputFormat } from '../../output';
import { withModeOptions } from '../repo-write.commands';
import { certificateBackend, type CertModeOptions } from './certificate-backend';

interface ListOptions extends CertModeOptions {
  certType?: string;
  hostnamePattern?: string;
  sort: 'hostname' | 'type';
  output: OutputFormat;
}

const columns: Column<RepositoryCertificate>[] = [
  { header: 'HOSTNAME', value: (certificate) => certificate.serverName },
  { header: 'TYPE', value: (certificate) => certificate.certType },
  { header: 'SUBTYPE', value: (certificate) => certificate.certSubType },
  { header: 'INFO', value: (certificate) => certificate.certInfo },
];

/** Stable sorts, so equal keys keep the server's order as in Argo CD. */
const orders = {
  hostname: (a: RepositoryCertificate, b: RepositoryCertificate) =>
    a.serverName < b.serverName ? -1 : a.serverName > b.serverName ? 1 : 0,
  type: (a: RepositoryCertificate, b: RepositoryCertificate) =>
    a.certType < b.certType ? -1 : a.certType > b.certType ? 1 : 0,
};

export function certListCommand(): Command {
  const command = new Command('list')
    .description('list repository TLS certificates and SSH known host entries')
    .addOption(new Option('--cert-type <type>', 'only certificates of this type').choices(['https', 'ssh']))
    .option('--hostname-pattern <glob>', 'only hosts matching this glob pattern')
    .addOption(new Option('--sort <order>', 'sort order').choices(['hostname', 'type']).default('hostname'))
    .addOption(outputOption());
  return withModeOptions(command).action(async (options: ListOptions, self: Command) => {
    const certificates = await certificateBackend(self, options).list({
      hostNamePattern: options.hostnamePattern,
      certType: options.certType,
    });
    const rows = [...certificates].sort(orders[options.sort]);
    process.stdout.write(
      render({ data: rows, rows, columns, name: (certificate) => certificate.serverName }, options.output),
    );
  });
}
