// An application's health from its resources', with Argo CD's aggregation
// rules (the same the health plugin's aggregateApplicationHealth documents):
// the worst status in Argo CD's order over live, non-hook resources; missing
// resources do not count (OutOfSync already says it) unless every resource is
// missing; resources annotated argocd.argoproj.io/ignore-healthcheck: "true",
// `Skip` hooks, the app itself (an app of apps managing itself) and a child
// Application that is Missing or Unknown are left out; no resources → Healthy.
// Pure.
import { isWorseHealth as isWorse } from '@driftless/plugin-sdk';
import { type HealthStatusCode } from '@driftless/schema';

export interface ResourceHealthInput {
  /** Hooks and `Skip` resources. */
  hook: boolean;
  liveMissing: boolean;
  /** argocd.argoproj.io/ignore-healthcheck: "true", or the app itself. */
  ignored: boolean;
  childApplication: boolean;
  health: { status: HealthStatusCode } | undefined;
}

export function appHealth(resources: readonly ResourceHealthInput[]): { status: HealthStatusCode } {
  let status: HealthStatusCode = 'Healthy';
  let counted = false;
  let live = false;
  for (const resource of resources) {
    if (resource.hook) continue;
    counted = true;
    if (resource.liveMissing) continue;
    live = true;
    if (resource.ignored || !resource.health) continue;
    if (resource.childApplication && (resource.health.status === 'Missing' || resource.health.status === 'Unknown'))
      continue;
    if (isWorse(status, resource.health.status)) status = resource.health.status;
  }
  if (counted && !live && isWorse(status, 'Missing')) status = 'Missing';
  return { status };
}
