// `status.resources` and `summary.images` from a comparison and the health of
// each live object, in Argo CD's order and shape. Pure.
import { formatResourceKey as resourceId, type AppComparison, type ResourceComparison } from '@driftless/diff';
import { type HealthStatus, type HealthStatusCode, type ResourceStatus } from '@driftless/schema';

export interface ResourceHealth {
  status: HealthStatusCode;
  message?: string;
}

/** A desired resource that is not live is Missing; a live one has what its health check said (or none). */
export function healthOf(
  resource: ResourceComparison,
  assessed: ReadonlyMap<string, ResourceHealth | undefined>,
): ResourceHealth | undefined {
  if (resource.liveMissing) return { status: 'Missing' };
  return assessed.get(resourceId(resource));
}

export function resourceStatuses(
  comparison: AppComparison,
  assessed: ReadonlyMap<string, ResourceHealth | undefined>,
  syncWaves: ReadonlyMap<string, number>,
): ResourceStatus[] {
  const statuses = comparison.resources.map((resource): ResourceStatus => {
    const health = healthOf(resource, assessed);
    const wave = syncWaves.get(resourceId(resource));
    return {
      ...(resource.group ? { group: resource.group } : {}),
      version: resource.version.includes('/')
        ? resource.version.slice(resource.version.indexOf('/') + 1)
        : resource.version,
      kind: resource.kind,
      ...(resource.namespace ? { namespace: resource.namespace } : {}),
      name: resource.name,
      ...(resource.status ? { status: resource.status } : {}),
      ...(health && !resource.hook ? { health: healthStatus(health) } : {}),
      ...(resource.hook ? { hook: true } : {}),
      ...(resource.requiresPruning ? { requiresPruning: true } : {}),
      ...(wave !== undefined && wave !== 0 ? { syncWave: wave } : {}),
    };
  });
  return statuses.sort(compareResources);
}

function healthStatus(health: ResourceHealth): HealthStatus {
  return health.message ? { status: health.status, message: health.message } : { status: health.status };
}

/** Argo CD sorts by group, kind, namespace, name. */
function compareResources(a: ResourceStatus, b: ResourceStatus): number {
  return (
    (a.group ?? '').localeCompare(b.group ?? '') ||
    (a.kind ?? '').localeCompare(b.kind ?? '') ||
    (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
    (a.name ?? '').localeCompare(b.name ?? '')
  );
}
