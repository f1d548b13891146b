// What `app sync` and `app rollback` print when the operation is over, as
// `argocd app sync` does: the application summary, the operation (phase,
// times, message) and one row per resource — the operation's results merged
// with the resources the app manages (Argo CD's getResourceStates). Pure.
import {
  type Application,
  type OperationState,
  type ResourceStatus,
  type SyncOperationResource,
} from '@driftless/schema';
import { render, renderTable, type Column, type OutputFormat } from '../../output';
import { describeApplication, type ApplicationView } from './application-fields';
import { isAutoSyncEnabled } from '../../../apps/operations/sync-operation';

export interface ResourceStateRow {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  status: string;
  health: string;
  hook: string;
  message: string;
}

export const resourceStateColumns: Column<ResourceStateRow>[] = [
  { header: 'GROUP', value: (row) => row.group },
  { header: 'KIND', value: (row) => row.kind },
  { header: 'NAMESPACE', value: (row) => row.namespace },
  { header: 'NAME', value: (row) => row.name },
  { header: 'STATUS', value: (row) => row.status },
  { header: 'HEALTH', value: (row) => row.health },
  { header: 'HOOK', value: (row) => row.hook },
  { header: 'MESSAGE', value: (row) => row.message },
];

interface Keyed {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}
const keyOf = (resource: Keyed): string =>
  `${resource.group ?? ''}/${resource.kind ?? ''}/${resource.namespace ?? ''}/${resource.name ?? ''}`;

/**
 * The operation's results first (a hook shows its phase and result; any
 * other resource its current sync status and health), then the app's other
 * resources in key order; only `selected` ones after a selective sync.
 */
export function resourceStateRows(
  app: Application,
  selected: readonly SyncOperationResource[] = [],
): ResourceStateRow[] {
  const managed = new Map<string, ResourceStatus>();
  for (const resource of app.status?.resources ?? []) managed.set(keyOf(resource), resource);
  const rows: ResourceStateRow[] = [];
  for (const result of app.status?.operationState?.syncResult?.resources ?? []) {
    const key = keyOf(result);
    const current = managed.get(key);
    const shownAsManaged = current !== undefined && !result.hookType;
    rows.push({
      group: result.group,
      kind: result.kind,
      namespace: result.namespace,
      name: result.name,
      status: shownAsManaged ? (current.status ?? '') : (result.hookPhase ?? ''),
      health: shownAsManaged ? (current.health?.status ?? '') : (result.status ?? ''),
      hook: result.hookType ?? '',
      message: result.message ?? '',
    });
    managed.delete(key);
  }
  const rest = [...managed.entries()].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  for (const [, resource] of rest)
    rows.push({
      group: resource.group ?? '',
      kind: resource.kind ?? '',
      namespace: resource.namespace ?? '',
      name: resource.name ?? '',
      status: resource.status ?? '',
      health: resource.health?.status ?? '',
      hook: '',
      message: '',
    });
  if (selected.length === 0) return rows;
  const wanted = new Set(selected.map((resource) => keyOf({ ...resource, group: resource.group ?? '' })));
  return rows.filter((row) => wanted.has(keyOf(row)));
}

/** Go's time.Duration format for whole seconds: 4s, 1m5s, 2h0m3s. */
export function formatSeconds(total: number): string {
  const seconds = Math.max(0, Math.round(total));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours}h${minutes}m${rest}s`;
  if (minutes > 0) return `${minutes}m${rest}s`;
  return `${rest}s`;
}

/** Argo CD's operation block ("Phase:", "Start:", … padded to 20 columns). */
export function describeOperation(state: OperationState, now: Date = new Date()): string {
  const lines: [string, string][] = [];
  const result = state.syncResult;
  if (result) {
    lines.push(['Operation:', 'Sync']);
    const revision = result.sources && result.revisions ? result.revisions.join(', ') : result.revision;
    lines.push(['Sync Revision:', revision]);
  }
  lines.push(['Phase:', state.phase]);
  lines.push(['Start:', state.startedAt]);
  if (state.finishedAt) lines.push(['Finished:', state.finishedAt]);
  const end = state.finishedAt ? Date.parse(state.finishedAt) : now.getTime();
  const started = Date.parse(state.startedAt);
  if (!Number.isNaN(started) && !Number.isNaN(end)) lines.push(['Duration:', formatSeconds((end - started) / 1000)]);
  if (state.message) lines.push(['Message:', state.message]);
  return lines.map(([label, value]) => `${label.padEnd(20)}${value}\n`).join('');
}

/** The Application in the shape `app get` prints. */
export function applicationView(app: Application): ApplicationView {
  const sources = app.spec.sources?.length ? app.spec.sources : app.spec.source ? [app.spec.source] : [];
  return {
    name: app.metadata.name ?? '',
    namespace: app.metadata.namespace ?? '',
    project: app.spec.project,
    autoSync: isAutoSyncEnabled(app),
    syncStatus: app.status?.sync?.status ?? null,
    healthStatus: app.status?.health?.status ?? null,
    createdAt: app.metadata.creationTimestamp ?? null,
    sources: sources.map((source) => ({
      repoURL: source.repoURL,
      path: source.path ?? null,
      targetRevision: source.targetRevision ?? null,
      chart: source.chart ?? null,
      ref: source.ref ?? null,
    })),
    destination: {
      server: app.spec.destination.server ?? null,
      name: app.spec.destination.name ?? null,
      namespace: app.spec.destination.namespace ?? null,
    },
  };
}

/** The whole report: text for table/wide, the Application for json/yaml, its name for -o name. */
export function renderOperationReport(
  app: Application,
  state: OperationState | undefined,
  selected: readonly SyncOperationResource[],
  format: OutputFormat,
): string {
  const qualified = `${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`;
  if (format !== 'table' && format !== 'wide')
    return render({ data: app, rows: [app], columns: [], name: () => qualified }, format);
  const sections = [describeApplication(applicationView(app))];
  if (state) sections.push(describeOperation(state));
  const rows = resourceStateRows(app, selected);
  if (rows.length > 0) sections.push(renderTable(rows, resourceStateColumns));
  return sections.join('\n');
}
