// status.* of a stored Application → the API's models, by allow-list: only the
// fields named here leave the server, whatever else the status carries (a
// newer controller's fields, an operation's manifests). Pure.
import {
  type Application,
  type ApplicationSource,
  type HealthStatus,
  type ResourceStatus,
  type RevisionHistory,
} from '@driftless/schema';
import { sourceModel } from '../application-summary';
import { type ApplicationSourceModel } from '../models/application.model';
import {
  type ApplicationConditionModel,
  type ApplicationHealthModel,
  type ApplicationResourceStatusModel,
  type ApplicationStatusSummaryModel,
  type ApplicationSyncStatusModel,
  type RevisionHistoryModel,
} from './application-status.model';

const date = (value: string | undefined): Date | null => (value ? new Date(value) : null);

const strings = (values: readonly unknown[] | undefined): string[] =>
  (values ?? []).filter((value): value is string => typeof value === 'string');

function sourcesModel(sources: ApplicationSource[] | undefined, source: ApplicationSource | undefined) {
  const list = sources && sources.length > 0 ? sources : source ? [source] : [];
  return list.map(sourceModel) satisfies ApplicationSourceModel[];
}

export function healthModel(health: HealthStatus | undefined): ApplicationHealthModel | null {
  if (!health?.status) return null;
  return {
    status: health.status,
    message: health.message ?? null,
    lastTransitionTime: date(health.lastTransitionTime),
  };
}

export function syncStatusModel(app: Application): ApplicationSyncStatusModel | null {
  const sync = app.status?.sync;
  if (!sync) return null;
  const compared = sync.comparedTo;
  return {
    status: sync.status,
    revision: sync.revision ?? null,
    revisions: strings(sync.revisions),
    comparedTo: compared
      ? {
          sources: sourcesModel(compared.sources, compared.source),
          destination: {
            server: compared.destination?.server ?? null,
            name: compared.destination?.name ?? null,
            namespace: compared.destination?.namespace ?? null,
          },
        }
      : null,
  };
}

export function conditionModels(app: Application): ApplicationConditionModel[] {
  return (app.status?.conditions ?? []).map((condition) => ({
    type: condition.type,
    message: condition.message ?? '',
    lastTransitionTime: date(condition.lastTransitionTime),
  }));
}

function historyModel(entry: RevisionHistory): RevisionHistoryModel {
  return {
    id: entry.id,
    revision: entry.revision ?? null,
    revisions: strings(entry.revisions),
    deployedAt: date(entry.deployedAt),
    deployStartedAt: date(entry.deployStartedAt),
    sources: sourcesModel(entry.sources, entry.source),
    initiatedBy: entry.initiatedBy?.username ?? null,
    automated: entry.initiatedBy?.automated === true,
  };
}

export function historyModels(app: Application): RevisionHistoryModel[] {
  return (app.status?.history ?? []).map(historyModel);
}

function resourceModel(resource: ResourceStatus): ApplicationResourceStatusModel {
  return {
    group: resource.group ?? '',
    version: resource.version ?? '',
    kind: resource.kind ?? '',
    namespace: resource.namespace ?? '',
    name: resource.name ?? '',
    status: resource.status ?? null,
    health: healthModel(resource.health),
    hook: resource.hook === true,
    requiresPruning: resource.requiresPruning === true,
    syncWave: typeof resource.syncWave === 'number' ? resource.syncWave : null,
  };
}

export function resourceStatusModels(app: Application): ApplicationResourceStatusModel[] {
  return (app.status?.resources ?? []).map(resourceModel);
}

export function statusSummaryModel(app: Application): ApplicationStatusSummaryModel {
  const summary = app.status?.summary;
  return { images: strings(summary?.images), externalURLs: strings(summary?.externalURLs) };
}
