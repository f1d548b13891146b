// What a refresh needs from the rest of the kernel, as plain functions, so
// the refresh runs the same in the controller, in tests and in benchmarks.
import { type HealthAssessment } from '@driftless/plugin-sdk';
import { type ApplicationSource, type AppProject } from '@driftless/schema';
import { type SelfHealBackoff } from '../../sync/auto-sync';
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { type ManifestRequest, type ManifestResponse } from '../../repo/manifests/manifest-request';
import { type LiveObject, type TrackingSettings } from '../live-state/cached-object';
import { type ClusterCache } from '../live-state/cluster-cache';
import { type RefreshObserver } from '../tree/refresh-observer';

export type RefreshLevel = 'health' | 'compare' | 'full' | 'hard';

export const levelRank: Record<RefreshLevel, number> = { health: 0, compare: 1, full: 2, hard: 3 };

export function higherLevel(a: RefreshLevel | undefined, b: RefreshLevel): RefreshLevel {
  return a !== undefined && levelRank[a] >= levelRank[b] ? a : b;
}

export interface ControllerSettings {
  argocdCm: Record<string, string>;
  tracking: TrackingSettings;
  /** argocd-cm resource.customizations* keys, for health overrides. */
  resourceOverrides: Record<string, string>;
}

export interface RefreshPorts {
  controlNamespace: string;
  /** argocd-cmd-params-cm controller.self.heal.* (self-heal back-off of automated syncs). */
  selfHeal: SelfHealBackoff;
  settings(): Promise<ControllerSettings>;
  project(name: string): AppProject | undefined;
  clusters(): readonly ClusterDefinition[];
  /** Whether an Application with this instance name exists (orphaned resources of deleted apps). */
  isKnownInstance(instance: string): boolean;
  liveCache(cluster: ClusterDefinition, settings: ControllerSettings): Promise<ClusterCache>;
  generate(request: ManifestRequest): Promise<ManifestResponse>;
  /** What each source's target revision recently resolved to, if a repo-server said so moments ago. */
  resolvedRevisions(sources: readonly ApplicationSource[]): Promise<(string | undefined)[]>;
  /** A render already in the manifest cache (a refresh after a live change reuses it). */
  cachedRender(revisionKey: string): Promise<ManifestResponse | undefined>;
  assessHealth(
    objects: LiveObject[],
    resourceOverrides: Record<string, string>,
  ): Promise<(HealthAssessment | undefined)[]>;
  now(): string;
  /** Hears comparisons and finished refreshes (the resource tree and managed resources are published from them). */
  observer?: RefreshObserver;
}
