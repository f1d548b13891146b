// The compact row the list filters and facets read, built once per change of
// an Application instead of once per request. Pure.
import { type Application } from '@driftless/schema';
import { isAutoSyncEnabled } from '../application-summary';
import { type ApplicationRow, normalizeRepo } from './application-filter';

export function applicationRow(application: Application): ApplicationRow {
  const { metadata, spec, status } = application;
  const sources = spec.sources && spec.sources.length > 0 ? spec.sources : spec.source ? [spec.source] : [];
  const destination = spec.destination ?? {};
  return {
    key: `${metadata.namespace ?? ''}/${metadata.name ?? ''}`,
    name: metadata.name ?? '',
    project: spec.project || 'default',
    clusters: [destination.server ?? '', destination.name ?? ''].filter((value) => value !== ''),
    destinationNamespace: destination.namespace ?? '',
    repos: [...new Set(sources.map((source) => normalizeRepo(source.repoURL)))],
    syncStatus: status?.sync?.status ?? 'Unknown',
    healthStatus: status?.health?.status ?? 'Unknown',
    autoSync: isAutoSyncEnabled(application),
    labels: metadata.labels ?? {},
  };
}
