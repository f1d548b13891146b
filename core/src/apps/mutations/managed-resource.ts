// Which object of an app's managed tree a resource request names (Argo CD's
// getAppLiveResource): only what status.resources lists, so the resource APIs
// cannot reach any other object in the destination cluster (security.md
// BI-RBAC-1, GHSA-2f5v-8r3f-8pww). Pure.
import { type Application, type ResourceStatus } from '@driftless/schema';

export interface ResourceRequest {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  /** Empty: the version the app manages. */
  version: string;
}

export function findManagedResource(app: Application, request: ResourceRequest): ResourceStatus | undefined {
  return (app.status?.resources ?? []).find(
    (resource) =>
      (resource.group ?? '') === request.group &&
      resource.kind === request.kind &&
      (resource.namespace ?? '') === request.namespace &&
      resource.name === request.name &&
      (request.version === '' || (resource.version ?? '') === request.version),
  );
}

/** `/api/v1` or `/apis/<group>/<version>`, where a kind's resource list lives. */
export const groupVersionPath = (group: string, version: string): string =>
  group === '' ? `/api/${version}` : `/apis/${group}/${version}`;

export type ResourceDeletion =
  | { propagationPolicy: 'Orphan' | 'Foreground'; removeFinalizers: false }
  | { propagationPolicy: 'Background'; gracePeriodSeconds: 0; removeFinalizers: true };

/**
 * Argo CD's DeleteResource options: orphan keeps the dependents, force
 * removes the finalizers and deletes at once in the background, the default
 * deletes in the foreground. Both at once is a contradiction.
 */
export function resourceDeletion(force: boolean, orphan: boolean): ResourceDeletion | string {
  if (force && orphan) return 'force and orphan cannot be used together';
  if (orphan) return { propagationPolicy: 'Orphan', removeFinalizers: false };
  if (force) return { propagationPolicy: 'Background', gracePeriodSeconds: 0, removeFinalizers: true };
  return { propagationPolicy: 'Foreground', removeFinalizers: false };
}
