import { Command } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { outputOption, render, type OutputFormat } from '../../output';
import { applicationFields, describeApplication, qualifiedName, type ApplicationView } from './application-fields';

interface GetOptions extends ServerOptions {
  output: OutputFormat;
}

export function appGetCommand(): Command {
  const command = new Command('get')
    .description('show one application')
    .argument('<name>', 'application name')
    .addOption(outputOption());
  return addServerOptions(command).action(async (name: string, options: GetOptions) => {
    const { application } = await graphqlRequest<{ application: ApplicationView | null }>(
      options,
      `query ($name: String!) { application(name: $name) { ${applicationFields} } }`,
      { name },
    );
    if (!application)
      throw new CliError(`application '${name}' not found — list them with: driftless app list`, ExitCode.failed);
    if (options.output === 'table' || options.output === 'wide') {
      process.stdout.write(describeApplication(application));
      return;
    }
    process.stdout.write(
      render({ data: application, rows: [application], columns: [], name: qualifiedName }, options.output),
    );
  });
}
