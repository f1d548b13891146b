import { type KubeObject } from './kube-object';

export const healthStatuses = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'] as const;
export type HealthStatus = (typeof healthStatuses)[number];

/** Best to worst, as gitops-engine's healthOrder. */
const severity: Record<HealthStatus, number> = {
  Healthy: 0,
  Suspended: 1,
  Progressing: 2,
  Missing: 3,
  Degraded: 4,
  Unknown: 5,
};

/** Whether `candidate` is worse than `current` in Argo CD's order (plugins and the controller aggregate alike). */
export function isWorseHealth(current: HealthStatus, candidate: HealthStatus): boolean {
  return severity[candidate] > severity[current];
}

/** Health is called for every resource on every refresh, so one call takes many objects. */
export interface HealthInput {
  objects: KubeObject[];
  /**
   * The argocd-cm entries that customise health, as the ConfigMap holds them
   * (`resource.customizations.health.<group>_<kind>`,
   * `resource.customizations.useOpenLibs.<group>_<kind>` and the older
   * `resource.customizations` block). A plugin that runs Lua applies a
   * matching script before its own rules: in Argo CD a user's override wins.
   */
  resourceOverrides?: Record<string, string>;
}

export interface HealthAssessment {
  status: HealthStatus;
  message?: string;
}

/**
 * One entry per input object, in the same order. `null` means the object has
 * no health of its own (Argo CD's nil health, e.g. a ConfigMap), which is not
 * the same as Unknown.
 */
export interface HealthOutput {
  results: (HealthAssessment | null)[];
}
