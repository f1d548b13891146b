// What `app get` asks the server for and how it prints it, close to
// `argocd app get`: the summary lines, sync windows, conditions and one row
// per managed resource (with the last operation's message for it);
// --show-operation adds the operation, --show-params the Helm parameters. Pure.
import { renderTable, type Column } from '../../output';
import { applicationFields, qualifiedName, type ApplicationView } from './application-fields';
import { type ServerAppRef } from './server-app-ref';

export const applicationDetailFields = `${applicationFields}
  spec
  syncWindows { state assignedWindows { kind schedule duration active } }
  status {
    sync { status revision revisions }
    health { status message }
    conditions { type message lastTransitionTime }
    resources { group version kind namespace name status health { status message } hook requiresPruning syncWave }
    operationState { phase message startedAt finishedAt initiatedBy automated revision
      resources { group kind namespace name status hookPhase hookType message } }
    summary { images externalURLs }
  }`;

export const APPLICATION_DETAIL_QUERY = `query ($name: String!, $appNamespace: String) {
  application(name: $name, appNamespace: $appNamespace) { ${applicationDetailFields} }
}`;

export interface ResourceStatusView {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status: string | null;
  health: { status: string; message: string | null } | null;
  hook: boolean;
  requiresPruning: boolean;
  syncWave: number | null;
}

interface OperationView {
  phase: string;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
  initiatedBy: string | null;
  automated: boolean;
  revision: string | null;
  resources: { group: string; kind: string; namespace: string; name: string; message: string | null }[];
}

export interface ApplicationDetailView extends ApplicationView {
  spec: { source?: { helm?: { parameters?: { name: string; value?: string }[] } } } & Record<string, unknown>;
  syncWindows: {
    state: string;
    assignedWindows: { kind: string; schedule: string; duration: string; active: boolean }[];
  };
  status: {
    sync: { status: string; revision: string | null; revisions: string[] } | null;
    health: { status: string; message: string | null } | null;
    conditions: { type: string; message: string; lastTransitionTime: string | null }[];
    resources: ResourceStatusView[];
    operationState: OperationView | null;
    summary: { images: string[]; externalURLs: string[] };
  };
}

export const appQueryVariables = (ref: ServerAppRef): Record<string, unknown> => ({
  name: ref.name,
  ...(ref.namespace !== undefined ? { appNamespace: ref.namespace } : {}),
});

const shortRevision = (revision: string): string => (/^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision);

function syncStatusLine(app: ApplicationDetailView): string {
  const sync = app.status.sync;
  if (!sync) return 'Unknown';
  const target = app.sources.map((source) => source.targetRevision || 'HEAD').join(', ');
  const revisions = sync.revisions.length > 0 ? sync.revisions : sync.revision ? [sync.revision] : [];
  const compared = revisions.map(shortRevision).join(', ');
  return `${sync.status} to ${target}${compared ? ` (${compared})` : ''}`;
}

function keyValueLines(rows: [string, string][]): string {
  return rows.map(([key, value]) => `${`${key}:`.padEnd(20)}${value}\n`).join('');
}

function summaryLines(app: ApplicationDetailView): string {
  const rows: [string, string][] = [
    ['Name', qualifiedName(app)],
    ['Project', app.project],
    ['Server', app.destination.server ?? app.destination.name ?? ''],
    ['Namespace', app.destination.namespace ?? ''],
  ];
  for (const url of app.status.summary.externalURLs) rows.push(['URLs', url]);
  let text = keyValueLines(rows);
  text += app.sources.length > 1 ? 'Sources:\n' : 'Source:\n';
  for (const source of app.sources) {
    const lines: [string, string][] = [
      ['Repo', source.repoURL],
      ['Target', source.targetRevision ?? ''],
      [source.chart ? 'Chart' : 'Path', source.chart ?? source.path ?? ''],
    ];
    if (source.ref) lines.push(['Ref', source.ref]);
    text += lines
      .map(([key, value], index) => `${index === 0 ? '- ' : '  '}${`${key}:`.padEnd(18)}${value}\n`)
      .join('');
  }
  const windows = app.syncWindows;
  const closing: [string, string][] = [['SyncWindow', windows.state]];
  if (windows.assignedWindows.length > 0)
    closing.push([
      'Assigned Windows',
      windows.assignedWindows.map((window) => `${window.kind}:${window.schedule}:${window.duration}`).join(','),
    ]);
  closing.push(['Sync Policy', app.autoSync ? 'Automated' : 'Manual']);
  closing.push(['Sync Status', syncStatusLine(app)]);
  const health = app.status.health;
  closing.push(['Health Status', `${health?.status ?? 'Unknown'}${health?.message ? ` (${health.message})` : ''}`]);
  return text + keyValueLines(closing);
}

function operationLines(operation: OperationView | null): string {
  if (!operation) return '';
  const rows: [string, string][] = [
    ['Operation', 'Sync'],
    ['Sync Revision', operation.revision ?? ''],
    ['Phase', operation.phase],
    ['Start', operation.startedAt],
    ['Finished', operation.finishedAt ?? ''],
    ['Initiated By', operation.automated ? 'automated sync policy' : (operation.initiatedBy ?? '')],
    ['Message', operation.message ?? ''],
  ];
  return `\n${keyValueLines(rows)}`;
}

function parameterLines(app: ApplicationDetailView): string {
  const parameters = app.spec.source?.helm?.parameters ?? [];
  if (parameters.length === 0) return '';
  return `\n${renderTable(parameters, [
    { header: 'NAME', value: (parameter) => parameter.name },
    { header: 'VALUE', value: (parameter) => parameter.value ?? '' },
  ])}`;
}

const conditionColumns: Column<ApplicationDetailView['status']['conditions'][number]>[] = [
  { header: 'CONDITION', value: (condition) => condition.type },
  { header: 'MESSAGE', value: (condition) => condition.message.replace(/\s+/g, ' ') },
  { header: 'LAST TRANSITION', value: (condition) => condition.lastTransitionTime ?? '' },
];

interface ResourceRow extends ResourceStatusView {
  message: string;
}

export const resourceRowColumns: Column<ResourceRow>[] = [
  { header: 'GROUP', value: (row) => row.group },
  { header: 'KIND', value: (row) => row.kind },
  { header: 'NAMESPACE', value: (row) => row.namespace },
  { header: 'NAME', value: (row) => row.name },
  { header: 'STATUS', value: (row) => row.status ?? '' },
  { header: 'HEALTH', value: (row) => row.health?.status ?? '' },
  { header: 'HOOK', value: (row) => (row.hook ? 'Yes' : '') },
  { header: 'MESSAGE', value: (row) => row.message },
];

const rowKey = (row: { group: string; kind: string; namespace: string; name: string }): string =>
  `${row.group}/${row.kind}/${row.namespace}/${row.name}`;

/** status.resources, each with the last operation's message for it (Argo CD's getResourceStates). */
export function resourceRows(app: ApplicationDetailView): ResourceRow[] {
  const messages = new Map(
    (app.status.operationState?.resources ?? []).map((result) => [rowKey(result), result.message ?? '']),
  );
  return app.status.resources.map((resource) => ({ ...resource, message: messages.get(rowKey(resource)) ?? '' }));
}

export function describeApplicationDetail(
  app: ApplicationDetailView,
  options: { showOperation?: boolean; showParams?: boolean } = {},
): string {
  let text = summaryLines(app);
  if (options.showOperation) text += operationLines(app.status.operationState);
  if (options.showParams) text += parameterLines(app);
  if (app.status.conditions.length > 0) text += `\n${renderTable(app.status.conditions, conditionColumns)}`;
  const rows = resourceRows(app);
  if (rows.length > 0) text += `\n${renderTable(rows, resourceRowColumns)}`;
  return text;
}
