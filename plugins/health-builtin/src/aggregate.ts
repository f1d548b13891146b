// Application health from its resources' health, as Argo CD's controller does:
// the worst status in Argo CD's order, skipping hooks, `Skip` resources,
// resources annotated argocd.argoproj.io/ignore-healthcheck: "true", the
// Application itself (app of apps managing itself), missing resources, and a
// child Application that is Missing or Unknown. An app whose resources are all
// missing is Missing.
import { isHook, isSkipped } from './hooks';
import { isWorse, type HealthStatus, type HealthStatusCode } from './health-status';
import { annotation, metadataOf, text, type KubeObject } from './object-fields';

export const IGNORE_HEALTHCHECK = 'argocd.argoproj.io/ignore-healthcheck';

export interface ManagedResourceHealth {
  /** The desired object, if any. */
  target?: KubeObject;
  /** The live object; absent when the resource is missing from the cluster. */
  live?: KubeObject;
  /** Its assessed health (assessResourceHealth); undefined = no health. */
  health?: HealthStatus;
}

export interface AggregateOptions {
  /** The Application being assessed, to skip itself when it manages itself. */
  application?: { name: string; namespace: string };
}

export function aggregateApplicationHealth(
  resources: readonly ManagedResourceHealth[],
  options: AggregateOptions = {},
): HealthStatusCode {
  let status: HealthStatusCode = 'Healthy';
  let hasResources = false;
  let hasLiveResources = false;
  for (const { target, live, health } of resources) {
    if (target && isSkipped(target)) continue;
    if (live && (isHook(live) || isSkipped(live))) continue;
    hasResources = true;
    if (live === undefined) continue; // Missing: OutOfSync already tells
    hasLiveResources = true;
    if (annotation(live, IGNORE_HEALTHCHECK) === 'true') continue;
    if (options.application && isSameApplication(live, options.application)) continue;
    if (health === undefined) continue;
    const childApplication = text(live.apiVersion).startsWith('argoproj.io/') && live.kind === 'Application';
    if (childApplication && (health.status === 'Missing' || health.status === 'Unknown')) continue;
    if (isWorse(status, health.status)) status = health.status;
  }
  if (hasResources && !hasLiveResources && isWorse(status, 'Missing')) status = 'Missing';
  return status;
}

function isSameApplication(live: KubeObject, application: { name: string; namespace: string }): boolean {
  const metadata = metadataOf(live);
  return (
    text(live.apiVersion).startsWith('argoproj.io/') &&
    live.kind === 'Application' &&
    metadata.name === application.name &&
    metadata.namespace === application.namespace
  );
}
