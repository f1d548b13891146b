// `driftless proj create|set`, through the server's project API. create takes
// Argo CD's flags or a whole AppProject from -f; set changes only the fields
// whose flags are given.
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { load } from 'js-yaml';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError, ExitCode } from '../../exit-codes';
import { fetchProject, projectMutation } from './project-client';
import { applyProjectFlags, collectList, destination, groupKind, type ProjectFlags } from './project-flags';

function addProjectFlags(command: Command): Command {
  return command
    .option('--description <text>', 'project description')
    .option(
      '-d, --dest <server,namespace>',
      'permitted destination (repeatable; a non-URL is a cluster name)',
      (value, previous: string[] | undefined) => {
        destination(value);
        return [...(previous ?? []), value];
      },
    )
    .option('-s, --src <repo>', 'permitted source repository (repeatable)', collectList)
    .option('--source-namespaces <namespaces>', 'namespaces applications of the project may live in', collectList)
    .option(
      '--allow-cluster-resource <group/kind>',
      'cluster-scoped kind the project may deploy (repeatable)',
      (value, previous: string[] | undefined) => {
        groupKind(value);
        return [...(previous ?? []), value];
      },
    )
    .option(
      '--deny-namespaced-resource <group/kind>',
      'namespaced kind the project may not deploy (repeatable)',
      (value, previous: string[] | undefined) => {
        groupKind(value);
        return [...(previous ?? []), value];
      },
    );
}

interface CreateOptions extends ServerOptions, ProjectFlags {
  file?: string;
  upsert?: boolean;
}

async function projectFromFile(path: string): Promise<{ name?: string; spec: Record<string, unknown> }> {
  let parsed: unknown;
  try {
    parsed = load(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(
      `-f ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      ExitCode.usage,
    );
  }
  const object = parsed as { metadata?: { name?: string }; spec?: Record<string, unknown> } | null;
  if (!object?.spec) throw new CliError(`-f ${path}: not an AppProject (no spec)`, ExitCode.usage);
  return { ...(object.metadata?.name ? { name: object.metadata.name } : {}), spec: object.spec };
}

export function projCreateCommand(): Command {
  const command = addProjectFlags(
    new Command('create')
      .description('create a project')
      .argument('[name]', 'project name (default: metadata.name of -f)')
      .option('-f, --file <file>', 'an AppProject in YAML or JSON')
      .option('--upsert', 'replace an existing project with a different spec'),
  );
  return addServerOptions(command).action(async (argument: string | undefined, options: CreateOptions) => {
    const fromFile = options.file ? await projectFromFile(options.file) : { spec: {} };
    const name = argument ?? fromFile.name;
    if (!name) throw new CliError('give the project name (or -f with metadata.name)', ExitCode.usage);
    const spec = applyProjectFlags(fromFile.spec, options);
    await projectMutation(
      options,
      'createProject',
      '$project: ProjectInput!, $upsert: Boolean',
      'project: $project, upsert: $upsert',
      {
        project: { name, spec },
        upsert: options.upsert === true,
      },
    );
    process.stdout.write(`project '${name}' created\n`);
  });
}

export function projSetCommand(): Command {
  const command = addProjectFlags(
    new Command('set').description('change a project').argument('<name>', 'project name'),
  );
  return addServerOptions(command).action(async (name: string, options: ServerOptions & ProjectFlags) => {
    const project = await fetchProject(options, name);
    await projectMutation(options, 'updateProject', '$project: ProjectInput!', 'project: $project', {
      project: { name, spec: applyProjectFlags(project.spec, options) },
    });
    process.stdout.write(`project '${name}' updated\n`);
  });
}
