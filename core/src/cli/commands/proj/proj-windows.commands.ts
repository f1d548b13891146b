// `driftless proj windows add|delete|list|update`: a project's sync windows,
// through the server; a window is named by its ID (its position, as in Argo CD).
import { Command, InvalidArgumentError, Option } from 'commander';
import { addServerOptions, type ServerOptions } from '../../client/server-options';
import { CliError } from '../../exit-codes';
import { outputOption, render, type OutputFormat } from '../../output';
import { fetchProject, projectMutation, type SyncWindowView } from './project-client';
import { collectList } from './project-flags';

interface WindowOptions extends ServerOptions {
  kind?: string;
  schedule?: string;
  duration?: string;
  applications?: string[];
  namespaces?: string[];
  clusters?: string[];
  manualSync?: boolean;
  timeZone?: string;
  description?: string;
}

function windowId(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a window ID (see proj windows list)');
  return Number(value);
}

function addWindowFlags(command: Command, required: boolean): Command {
  const schedule = new Option('--schedule <cron>', 'when the window opens: a five-field cron schedule');
  const duration = new Option('--duration <duration>', 'how long it stays open, e.g. 1h');
  if (required) {
    schedule.makeOptionMandatory();
    duration.makeOptionMandatory();
  }
  return addServerOptions(
    command
      .addOption(schedule)
      .addOption(duration)
      .option('--applications <names>', 'applications (globs) it applies to', collectList)
      .option('--namespaces <names>', 'namespaces (globs) it applies to', collectList)
      .option('--clusters <names>', 'clusters (globs) it applies to', collectList)
      .option('--manual-sync', 'allow manual syncs while it denies')
      .option('--time-zone <zone>', 'time zone of the schedule, e.g. Europe/Paris')
      .option('--description <text>', 'what the window is for'),
  );
}

function windowInput(base: Partial<SyncWindowView>, options: WindowOptions): Record<string, unknown> {
  return {
    kind: options.kind ?? base.kind,
    schedule: options.schedule ?? base.schedule,
    duration: options.duration ?? base.duration,
    applications: options.applications ?? base.applications ?? [],
    namespaces: options.namespaces ?? base.namespaces ?? [],
    clusters: options.clusters ?? base.clusters ?? [],
    manualSync: options.manualSync ?? base.manualSync ?? false,
    timeZone: options.timeZone ?? base.timeZone ?? null,
    // What no flag changes stays as it was (an update sends the whole window).
    andOperator: base.andOperator ?? false,
    description: options.description ?? base.description ?? null,
  };
}

const WINDOW_PARAMETERS = '$project: String!, $window: SyncWindowInput!';

function addCommand(): Command {
  const command = new Command('add')
    .description('add a sync window')
    .argument('<project>')
    .addOption(new Option('-k, --kind <kind>', 'allow or deny').choices(['allow', 'deny']).makeOptionMandatory());
  return addWindowFlags(command, true).action(async (project: string, options: WindowOptions) => {
    await projectMutation(options, 'addProjectSyncWindow', WINDOW_PARAMETERS, 'project: $project, window: $window', {
      project,
      window: windowInput({}, options),
    });
    process.stdout.write(`Sync window added to project '${project}'\n`);
  });
}

function updateCommand(): Command {
  const command = new Command('update')
    .description('change a sync window')
    .argument('<project>')
    .argument('<id>', 'window ID (proj windows list)', windowId);
  return addWindowFlags(command, false).action(async (project: string, id: number, options: WindowOptions) => {
    const current = (await fetchProject(options, project)).syncWindows.find((window) => window.id === id);
    if (!current)
      throw new CliError(`project ${project} has no sync window ${id} — see driftless proj windows list ${project}`);
    await projectMutation(
      options,
      'updateProjectSyncWindow',
      `${WINDOW_PARAMETERS}, $id: Int!`,
      'project: $project, id: $id, window: $window',
      { project, id, window: windowInput(current, options) },
    );
    process.stdout.write(`Sync window ${id} of project '${project}' updated\n`);
  });
}

function deleteCommand(): Command {
  return addServerOptions(
    new Command('delete')
      .description('delete a sync window')
      .argument('<project>')
      .argument('<id>', 'window ID', windowId),
  ).action(async (project: string, id: number, options: ServerOptions) => {
    await projectMutation(
      options,
      'deleteProjectSyncWindow',
      '$project: String!, $id: Int!',
      'project: $project, id: $id',
      {
        project,
        id,
      },
    );
    process.stdout.write(`Sync window ${id} of project '${project}' deleted\n`);
  });
}

const joined = (values: string[]): string => (values.length > 0 ? values.join(',') : '-');

function listCommand(): Command {
  return addServerOptions(
    new Command('list').description("list a project's sync windows").argument('<project>').addOption(outputOption()),
  ).action(async (project: string, options: ServerOptions & { output: OutputFormat }) => {
    const { syncWindows } = await fetchProject(options, project);
    const columns = [
      { header: 'ID', value: (window: SyncWindowView) => String(window.id) },
      { header: 'KIND', value: (window: SyncWindowView) => window.kind },
      { header: 'SCHEDULE', value: (window: SyncWindowView) => window.schedule },
      { header: 'DURATION', value: (window: SyncWindowView) => window.duration },
      { header: 'APPLICATIONS', value: (window: SyncWindowView) => joined(window.applications) },
      { header: 'NAMESPACES', value: (window: SyncWindowView) => joined(window.namespaces) },
      { header: 'CLUSTERS', value: (window: SyncWindowView) => joined(window.clusters) },
      { header: 'MANUALSYNC', value: (window: SyncWindowView) => (window.manualSync ? 'Enabled' : 'Disabled') },
      { header: 'TIMEZONE', value: (window: SyncWindowView) => window.timeZone ?? '' },
    ];
    process.stdout.write(
      render({ data: syncWindows, rows: syncWindows, columns, name: (window) => String(window.id) }, options.output),
    );
  });
}

export function projWindowsCommand(): Command {
  return new Command('windows')
    .description('sync windows of a project')
    .addCommand(addCommand())
    .addCommand(deleteCommand())
    .addCommand(listCommand())
    .addCommand(updateCommand());
}
