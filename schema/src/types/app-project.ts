/** The AppProject resource (argoproj.io/v1alpha1, kind AppProject). */
import type { ApplicationDestination } from './application';
import type { ArgoprojObject } from './common';

export interface JWTToken {
  /** Issued-at, seconds since the epoch. */
  iat: number;
  exp?: number;
  id?: string;
}

export interface ProjectRole {
  name: string;
  description?: string;
  /** Casbin lines with subject `proj:<project>:<role>`. */
  policies?: string[];
  jwtTokens?: JWTToken[];
  groups?: string[];
}

export interface GroupKind {
  group: string;
  kind: string;
}

/** Cluster-scoped restriction; `name` is optional. */
export interface ClusterResourceRestrictionItem extends GroupKind {
  name?: string;
}

export interface OrphanedResourceKey {
  group?: string;
  kind?: string;
  name?: string;
}

export interface OrphanedResourcesMonitorSettings {
  warn?: boolean;
  ignore?: OrphanedResourceKey[];
}

export interface SyncWindow {
  kind?: 'allow' | 'deny';
  /** Five-field cron: minute hour day-of-month month day-of-week. */
  schedule?: string;
  /** Go duration, e.g. "1h". */
  duration?: string;
  applications?: string[];
  namespaces?: string[];
  clusters?: string[];
  manualSync?: boolean;
  timeZone?: string;
  andOperator?: boolean;
  description?: string;
  syncOverrun?: boolean;
}

export interface SignatureKey {
  keyID: string;
}

export interface SourceIntegrityGitPolicy {
  repos?: { url?: string }[];
  gpg?: { mode?: 'none' | 'head' | 'strict'; keys?: string[] };
}

export interface SourceIntegrity {
  git?: { policies?: SourceIntegrityGitPolicy[] };
}

export interface ApplicationDestinationServiceAccount {
  server: string;
  namespace?: string;
  defaultServiceAccount: string;
}

export interface AppProjectSpec {
  sourceRepos?: string[];
  destinations?: ApplicationDestination[];
  description?: string;
  roles?: ProjectRole[];
  clusterResourceWhitelist?: ClusterResourceRestrictionItem[];
  clusterResourceBlacklist?: ClusterResourceRestrictionItem[];
  namespaceResourceWhitelist?: GroupKind[];
  namespaceResourceBlacklist?: GroupKind[];
  orphanedResources?: OrphanedResourcesMonitorSettings;
  syncWindows?: SyncWindow[];
  signatureKeys?: SignatureKey[];
  sourceIntegrity?: SourceIntegrity;
  sourceNamespaces?: string[];
  permitOnlyProjectScopedClusters?: boolean;
  destinationServiceAccounts?: ApplicationDestinationServiceAccount[];
}

export interface AppProjectStatus {
  jwtTokensByRole?: Record<string, { items?: JWTToken[] }>;
}

export interface AppProject extends ArgoprojObject<'AppProject'> {
  spec: AppProjectSpec;
  status?: AppProjectStatus;
}
