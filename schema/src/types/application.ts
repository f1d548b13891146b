/** The Application resource (argoproj.io/v1alpha1, kind Application). */
import type {
  ApplicationSource,
  ApplicationSourceDirectory,
  ApplicationSourceHelm,
  ApplicationSourceKustomize,
  ApplicationSourcePlugin,
  ApplicationSourceType,
} from './application-source';
import type { ArgoprojObject, Time } from './common';

/** `server` and `name` are mutually exclusive; one of them is needed. */
export interface ApplicationDestination {
  server?: string;
  namespace?: string;
  name?: string;
}

export interface SyncPolicyAutomated {
  prune?: boolean;
  selfHeal?: boolean;
  allowEmpty?: boolean;
  /** Automated sync is on when `automated` is present and this is unset or true. */
  enabled?: boolean;
}

export interface Backoff {
  /** A Go duration ("5s") or a bare number of seconds ("30"). Default 5s. */
  duration?: string;
  /** Default 2. */
  factor?: number;
  /** Default 3m. */
  maxDuration?: string;
}

export interface RetryStrategy {
  /** 0: no retries; negative: unlimited. */
  limit?: number;
  backoff?: Backoff;
  refresh?: boolean;
}

export interface ManagedNamespaceMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface SyncPolicy {
  automated?: SyncPolicyAutomated;
  /** `Key=Value` strings, e.g. `CreateNamespace=true`. */
  syncOptions?: string[];
  retry?: RetryStrategy;
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
}

export interface ResourceIgnoreDifferences {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

export interface Info {
  name: string;
  value: string;
}

export interface DrySource {
  repoURL: string;
  targetRevision: string;
  path: string;
  helm?: ApplicationSourceHelm;
  kustomize?: ApplicationSourceKustomize;
  directory?: ApplicationSourceDirectory;
  plugin?: ApplicationSourcePlugin;
}

export interface SyncSource {
  targetBranch: string;
  path: string;
  repoURL?: string;
}

export interface HydrateTo {
  targetBranch: string;
}

export interface SourceHydrator {
  drySource: DrySource;
  syncSource: SyncSource;
  hydrateTo?: HydrateTo;
}

export interface ApplicationSpec {
  /** Ignored when `sources` is set. */
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: ApplicationDestination;
  project: string;
  syncPolicy?: SyncPolicy;
  ignoreDifferences?: ResourceIgnoreDifferences[];
  info?: Info[];
  /** Default 10. */
  revisionHistoryLimit?: number;
  sourceHydrator?: SourceHydrator;
}

export interface SyncStrategyApply {
  force?: boolean;
}

/** The hook strategy also accepts `force` (Argo CD inlines SyncStrategyApply). */
export type SyncStrategyHook = SyncStrategyApply;

export interface SyncStrategy {
  apply?: SyncStrategyApply;
  hook?: SyncStrategyHook;
}

export interface SyncOperationResource {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface SyncOperation {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  syncStrategy?: SyncStrategy;
  resources?: SyncOperationResource[];
  source?: ApplicationSource;
  manifests?: string[];
  syncOptions?: string[];
  sources?: ApplicationSource[];
  revisions?: string[];
  /** Go field SelfHealAttemptsCount. */
  autoHealAttemptsCount?: number;
}

export interface OperationInitiator {
  username?: string;
  automated?: boolean;
}

export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: OperationInitiator;
  info?: Info[];
  retry?: RetryStrategy;
}

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';
export type HealthStatusCode = 'Healthy' | 'Suspended' | 'Progressing' | 'Missing' | 'Degraded' | 'Unknown';
export type OperationPhase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
export type ResultCode = 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';
export type HookType = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail' | 'Skip' | 'PreDelete' | 'PostDelete';
export type ApplicationConditionType =
  | 'DeletionError'
  | 'InvalidSpecError'
  | 'ComparisonError'
  | 'SyncError'
  | 'UnknownError'
  | 'SharedResourceWarning'
  | 'RepeatedResourceWarning'
  | 'ExcludedResourceWarning'
  | 'OrphanedResourceWarning';

export interface HealthStatus {
  status?: HealthStatusCode;
  message?: string;
  lastTransitionTime?: Time;
}

export interface ResourceStatus {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  status?: SyncStatusCode;
  health?: HealthStatus;
  hook?: boolean;
  requiresPruning?: boolean;
  syncWave?: number;
  requiresDeletionConfirmation?: boolean;
}

export interface ComparedTo {
  source?: ApplicationSource;
  destination: ApplicationDestination;
  sources?: ApplicationSource[];
  ignoreDifferences?: ResourceIgnoreDifferences[];
}

export interface SyncStatus {
  status: SyncStatusCode;
  comparedTo?: ComparedTo;
  revision?: string;
  revisions?: string[];
}

export interface RevisionHistory {
  revision?: string;
  deployedAt: Time;
  id: number;
  source?: ApplicationSource;
  deployStartedAt?: Time;
  sources?: ApplicationSource[];
  revisions?: string[];
  initiatedBy?: OperationInitiator;
}

export interface ApplicationCondition {
  type: ApplicationConditionType;
  message: string;
  lastTransitionTime?: Time;
}

export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status?: ResultCode;
  message?: string;
  hookType?: HookType;
  hookPhase?: OperationPhase;
  /** PreSync, Sync, PostSync or SyncFail. */
  syncPhase?: string;
  images?: string[];
}

export interface SyncOperationResult {
  resources?: ResourceResult[];
  revision: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  revisions?: string[];
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
}

export interface OperationState {
  operation: Operation;
  phase: OperationPhase;
  message?: string;
  syncResult?: SyncOperationResult;
  startedAt: Time;
  finishedAt?: Time;
  retryCount?: number;
}

export interface ApplicationSummary {
  externalURLs?: string[];
  images?: string[];
  isAppOfApps?: boolean;
}

export type HydrateOperationPhase = 'Hydrating' | 'Failed' | 'Hydrated';

export interface HydrateOperation {
  startedAt?: Time;
  finishedAt?: Time;
  phase: HydrateOperationPhase;
  message: string;
  drySHA?: string;
  hydratedSHA?: string;
  sourceHydrator?: SourceHydrator;
}

export interface SourceHydratorStatus {
  lastSuccessfulOperation?: { drySHA?: string; hydratedSHA?: string; sourceHydrator?: SourceHydrator };
  currentOperation?: HydrateOperation;
  lastComparedDryRevision?: string;
}

export interface ApplicationStatus {
  resources?: ResourceStatus[];
  sync?: SyncStatus;
  health?: HealthStatus;
  history?: RevisionHistory[];
  conditions?: ApplicationCondition[];
  reconciledAt?: Time;
  /** Deprecated. */
  observedAt?: Time;
  operationState?: OperationState;
  sourceType?: ApplicationSourceType;
  sourceTypes?: ApplicationSourceType[];
  summary?: ApplicationSummary;
  resourceHealthSource?: 'inline' | 'appTree';
  controllerNamespace?: string;
  sourceHydrator?: SourceHydratorStatus;
}

export interface Application extends ArgoprojObject<'Application'> {
  spec: ApplicationSpec;
  status?: ApplicationStatus;
  operation?: Operation;
}
