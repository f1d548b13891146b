// `driftless repo list|get` and `driftless repocreds list`: repositories and
// credential templates, through the server's GraphQL API (no secret values);
// `add`/`rm` save them (repo-write.commands.ts).
import { Command } from 'commander';
import { sameRepoUrl } from '../../repo/credentials/repository-url';
import { CliError } from '../exit-codes';
import { graphqlRequest } from '../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../client/server-options';
import { outputOption, render, type Column, type OutputFormat } from '../output';
import { repoWriteCommands } from './repo-write.commands';

interface RepositoryView {
  url: string;
  type: string;
  name: string | null;
  project: string | null;
  username: string | null;
  secretsSet: string[];
  githubApp: boolean;
  insecure: boolean;
  source: string;
}

const fields = 'url type name project username secretsSet githubApp insecure source';

const hasCredentials = (repository: RepositoryView): boolean =>
  repository.username !== null || repository.secretsSet.length > 0 || repository.githubApp;

/** The columns of `argocd repo list` that Driftless knows today. */
const columns: Column<RepositoryView>[] = [
  { header: 'TYPE', value: (repository) => repository.type },
  { header: 'NAME', value: (repository) => repository.name ?? '' },
  { header: 'REPO', value: (repository) => repository.url },
  { header: 'INSECURE', value: (repository) => String(repository.insecure) },
  { header: 'CREDS', value: (repository) => String(hasCredentials(repository)) },
  { header: 'PROJECT', value: (repository) => repository.project ?? '' },
  { header: 'SECRET', value: (repository) => repository.source, wide: true },
];

function listCommand(query: 'repositories' | 'repositoryCredentials', description: string): Command {
  const command = new Command('list').description(description).addOption(outputOption());
  return addServerOptions(command).action(async (options: ServerOptions & { output: OutputFormat }) => {
    const data = await graphqlRequest<Record<string, RepositoryView[]>>(options, `{ ${query} { ${fields} } }`);
    const rows = data[query] ?? [];
    process.stdout.write(render({ data: rows, rows, columns, name: (repository) => repository.url }, options.output));
  });
}

function getCommand(): Command {
  const command = new Command('get')
    .description('show a repository (without credentials)')
    .argument('<url>', 'repository URL')
    .option('--project <project>', 'the project of the repository, when the URL is saved for several')
    .addOption(outputOption());
  return addServerOptions(command).action(
    async (url: string, options: ServerOptions & { output: OutputFormat; project?: string }) => {
      const { repositories } = await graphqlRequest<{ repositories: RepositoryView[] }>(
        options,
        `{ repositories { ${fields} } }`,
      );
      const rows = repositories.filter(
        (repository) =>
          sameRepoUrl(repository.url, url) &&
          (options.project === undefined || (repository.project ?? '') === options.project),
      );
      if (rows.length === 0)
        throw new CliError(`no repository ${url} (or not visible to you) — see driftless repo list`);
      const data = rows.length === 1 ? rows[0] : rows;
      process.stdout.write(render({ data, rows, columns, name: (repository) => repository.url }, options.output));
    },
  );
}

export function repoCommand(): Command {
  const command = new Command('repo')
    .description('repositories')
    .addCommand(listCommand('repositories', 'list repositories'))
    .addCommand(getCommand());
  for (const write of repoWriteCommands('repository')) command.addCommand(write);
  return command;
}

export function repoCredsCommand(): Command {
  const command = new Command('repocreds')
    .description('credential templates (repo-creds)')
    .addCommand(listCommand('repositoryCredentials', 'list credential templates'));
  for (const write of repoWriteCommands('repo-creds')) command.addCommand(write);
  return command;
}
