import { Command, Option } from 'commander';
import { buildInfo, type BuildInfo } from '../../version';
import { addServerOptions, type ServerOptions } from '../client/server-options';
import { graphqlRequest } from '../client/graphql-client';
import { outputOption, render, type OutputFormat } from '../output';

interface VersionOptions extends ServerOptions {
  client: boolean;
  output: OutputFormat;
}

interface VersionRow {
  component: string;
  info: BuildInfo;
}

export function versionCommand(): Command {
  const command = new Command('version')
    .description('print the client version and, unless --client, the server version')
    .addOption(new Option('--client', 'print the client version only').default(false))
    .addOption(outputOption());
  return addServerOptions(command).action(async (options: VersionOptions) => {
    const rows: VersionRow[] = [{ component: 'driftless', info: buildInfo }];
    if (!options.client) {
      const data = await graphqlRequest<{ version: BuildInfo }>(
        options,
        '{ version { version gitCommit nodeVersion platform } }',
      );
      rows.push({ component: 'driftless-server', info: data.version });
    }
    const data = Object.fromEntries(rows.map((row) => [row.component === 'driftless' ? 'client' : 'server', row.info]));
    process.stdout.write(
      render(
        {
          data,
          rows,
          columns: [
            { header: 'COMPONENT', value: (row) => row.component },
            { header: 'VERSION', value: (row) => row.info.version },
            { header: 'COMMIT', value: (row) => row.info.gitCommit, wide: true },
            { header: 'NODE', value: (row) => row.info.nodeVersion, wide: true },
            { header: 'PLATFORM', value: (row) => row.info.platform, wide: true },
          ],
          name: (row) => row.component,
        },
        options.output,
      ),
    );
  });
}
