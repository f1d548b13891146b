// `driftless proj get|delete`, through the server's project API: one project
// in full (Argo CD's `proj get` layout, or the AppProject with -o yaml|json),
// and deletion, which the server refuses while applications use the project.
import { Command } from 'commander';
import { graphqlRequest } from '../../client/graphql-client';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { outputOption, render, type OutputFormat } from '../../output';
import { confirm, isInteractive } from '../cluster/confirm';
import { fetchProject, type ProjectView } from './project-client';

export function projDeleteCommand(): Command {
  const command = new Command('delete')
    .description('delete projects (refused while applications use them)')
    .argument('<name...>', 'project names')
    .option('-y, --yes', 'do not ask for confirmation');
  return addServerOptions(command).action(async (names: string[], options: ServerOptions & { yes?: boolean }) => {
    for (const name of names) {
      if (isInteractive() && !options.yes && !(await confirm(`Are you sure you want to delete '${name}'? [y/n] `))) {
        process.stdout.write(`The command to delete '${name}' was cancelled.\n`);
        continue;
      }
      await graphqlRequest(options, 'mutation ($name: String!) { deleteProject(name: $name) }', { name });
      process.stdout.write(`project '${name}' deleted\n`);
    }
  });
}

const list = (values: unknown): string => (Array.isArray(values) && values.length > 0 ? values.join(', ') : '<none>');
const kinds = (values: unknown): string =>
  list(
    Array.isArray(values)
      ? values.map((entry: { group?: string; kind?: string }) => `${entry.group ?? ''}/${entry.kind ?? ''}`)
      : [],
  );

function describeProject(project: ProjectView): string {
  const { spec } = project;
  const destinations = Array.isArray(spec.destinations)
    ? spec.destinations.map(
        (entry: { server?: string; name?: string; namespace?: string }) =>
          `${entry.server ?? entry.name ?? ''},${entry.namespace ?? ''}`,
      )
    : [];
  const lines: [string, string][] = [
    ['Name', project.name],
    ['Description', project.description ?? ''],
    ['Destinations', list(destinations)],
    ['Repositories', list(spec.sourceRepos)],
    ['Source Namespaces', list(spec.sourceNamespaces)],
    ['Allowed Cluster Resources', kinds(spec.clusterResourceWhitelist)],
    ['Denied Namespaced Resources', kinds(spec.namespaceResourceBlacklist)],
    ['Roles', list(project.roles.map((role) => role.name))],
    [
      'Sync Windows',
      project.syncWindows.length > 0 ? `${project.syncWindows.length} (proj windows list ${project.name})` : '<none>',
    ],
  ];
  return lines.map(([label, value]) => `${`${label}:`.padEnd(29)}${value}\n`).join('');
}

export function projGetCommand(): Command {
  const command = new Command('get')
    .description('show a project')
    .argument('<name>', 'project name')
    .addOption(outputOption());
  return addServerOptions(command).action(async (name: string, options: ServerOptions & { output: OutputFormat }) => {
    const project = await fetchProject(options, name);
    if (options.output === 'table' || options.output === 'wide') {
      process.stdout.write(describeProject(project));
      return;
    }
    const data = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: project.name },
      spec: project.spec,
    };
    process.stdout.write(render({ data, rows: [project], columns: [], name: (row) => row.name }, options.output));
  });
}
