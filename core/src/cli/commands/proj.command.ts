// `driftless proj …`: AppProjects, their roles, role tokens and sync windows,
// through the server's GraphQL API (proj/).
import { Command } from 'commander';
import { graphqlRequest } from '../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../client/server-options';
import { outputOption, render, type Column, type OutputFormat } from '../output';
import { projCreateCommand, projSetCommand } from './proj/proj-create-set.commands';
import { projDeleteCommand, projGetCommand } from './proj/proj-get-delete.commands';
import { projRoleCommand } from './proj/proj-role.commands';
import { projWindowsCommand } from './proj/proj-windows.commands';

interface ProjectView {
  name: string;
  description: string | null;
  sourceRepos: string[];
  destinations: { server: string | null; name: string | null; namespace: string | null }[];
  roles: string[];
  syncWindows: number;
}

const destination = (target: ProjectView['destinations'][number]): string =>
  `${target.server ?? target.name ?? ''},${target.namespace ?? ''}`;

/** The first columns of `argocd proj list`. */
const columns: Column<ProjectView>[] = [
  { header: 'NAME', value: (project) => project.name },
  { header: 'DESCRIPTION', value: (project) => project.description ?? '' },
  { header: 'DESTINATIONS', value: (project) => project.destinations.map(destination).join(';') },
  { header: 'SOURCES', value: (project) => project.sourceRepos.join(',') },
  { header: 'ROLES', value: (project) => project.roles.join(','), wide: true },
  { header: 'SYNC-WINDOWS', value: (project) => String(project.syncWindows), wide: true },
];

function listCommand(): Command {
  const command = new Command('list').description('list projects').addOption(outputOption());
  return addServerOptions(command).action(async (options: ServerOptions & { output: OutputFormat }) => {
    const { projects } = await graphqlRequest<{ projects: ProjectView[] }>(
      options,
      '{ projects { name description sourceRepos destinations { server name namespace } roles syncWindows } }',
    );
    process.stdout.write(
      render({ data: projects, rows: projects, columns, name: (project) => project.name }, options.output),
    );
  });
}

export function projCommand(): Command {
  return new Command('proj')
    .description('projects (AppProjects)')
    .addCommand(listCommand())
    .addCommand(projCreateCommand())
    .addCommand(projGetCommand())
    .addCommand(projSetCommand())
    .addCommand(projDeleteCommand())
    .addCommand(projRoleCommand())
    .addCommand(projWindowsCommand());
}
