// Maps an Application custom resource to its API model by allow-list: only
// these fields leave the server, whatever else the resource carries.
import { type Application, type ApplicationSource } from '@driftless/schema';
import {
  ApplicationModel,
  HealthStatusCode,
  type ApplicationSourceModel,
  SyncStatusCode,
} from './models/application.model';

export function sourceModel(source: ApplicationSource): ApplicationSourceModel {
  return {
    repoURL: source.repoURL,
    path: source.path ?? null,
    targetRevision: source.targetRevision ?? null,
    chart: source.chart ?? null,
    ref: source.ref ?? null,
  };
}

function enumValue<T extends Record<string, string>>(values: T, value: string | undefined): T[keyof T] | null {
  return value !== undefined && Object.values(values).includes(value) ? (value as T[keyof T]) : null;
}

/** `automated` present enables auto-sync unless `automated.enabled: false` (Argo CD ≥ 3.1). */
export function isAutoSyncEnabled(application: Application): boolean {
  const automated = application.spec.syncPolicy?.automated;
  return automated !== undefined && automated !== null && automated.enabled !== false;
}

export function toApplicationModel(application: Application): ApplicationModel {
  const { spec, status, metadata } = application;
  const sources = spec.sources && spec.sources.length > 0 ? spec.sources : spec.source ? [spec.source] : [];
  const created = metadata.creationTimestamp;
  return {
    name: metadata.name ?? '',
    namespace: metadata.namespace ?? '',
    project: spec.project,
    sources: sources.map(sourceModel),
    destination: {
      server: spec.destination?.server ?? null,
      name: spec.destination?.name ?? null,
      namespace: spec.destination?.namespace ?? null,
    },
    autoSync: isAutoSyncEnabled(application),
    syncStatus: enumValue(SyncStatusCode, status?.sync?.status),
    healthStatus: enumValue(HealthStatusCode, status?.health?.status),
    createdAt: created ? new Date(created) : null,
    stored: application,
  };
}
