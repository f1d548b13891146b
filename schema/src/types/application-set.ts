/** The ApplicationSet resource (argoproj.io/v1alpha1, kind ApplicationSet). */
import type { ApplicationSpec, HealthStatus, ResourceStatus } from './application';
import type { ArgoprojObject, IntOrString, LabelSelector, Time } from './common';

export interface ApplicationSetTemplateMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

export interface ApplicationSetTemplate {
  metadata: ApplicationSetTemplateMeta;
  spec: ApplicationSpec;
}

export interface SecretRef {
  secretName: string;
  key: string;
}

export interface ConfigMapKeyRef {
  configMapName: string;
  key: string;
}

export interface BasicAuthBitbucketServer {
  username: string;
  passwordRef: SecretRef;
}

export interface BearerTokenBitbucket {
  tokenRef: SecretRef;
}

/** Fields every generator may carry. */
interface GeneratorCommon {
  template?: ApplicationSetTemplate;
  /** Extra parameters, available as `values.<key>`. */
  values?: Record<string, string>;
}

export interface ListGenerator {
  elements?: Record<string, unknown>[];
  elementsYaml?: string;
  template?: ApplicationSetTemplate;
}

export interface ClusterGenerator extends GeneratorCommon {
  selector?: LabelSelector;
  flatList?: boolean;
}

export interface GitDirectoryGeneratorItem {
  path: string;
  exclude?: boolean;
}

export type GitFileGeneratorItem = GitDirectoryGeneratorItem;

export interface GitGenerator extends GeneratorCommon {
  repoURL: string;
  revision: string;
  directories?: GitDirectoryGeneratorItem[];
  files?: GitFileGeneratorItem[];
  requeueAfterSeconds?: number;
  pathParamPrefix?: string;
}

export interface SCMProviderGeneratorFilter {
  repositoryMatch?: string;
  pathsExist?: string[];
  pathsDoNotExist?: string[];
  labelMatch?: string;
  branchMatch?: string;
}

export interface SCMProviderGenerator extends GeneratorCommon {
  github?: {
    organization: string;
    api?: string;
    tokenRef?: SecretRef;
    appSecretName?: string;
    allBranches?: boolean;
    excludeArchivedRepos?: boolean;
  };
  gitlab?: {
    group: string;
    includeSubgroups?: boolean;
    api?: string;
    tokenRef?: SecretRef;
    allBranches?: boolean;
    insecure?: boolean;
    includeSharedProjects?: boolean;
    topic?: string;
    caRef?: ConfigMapKeyRef;
    includeArchivedRepos?: boolean;
  };
  gitea?: {
    owner: string;
    api: string;
    tokenRef?: SecretRef;
    allBranches?: boolean;
    insecure?: boolean;
    excludeArchivedRepos?: boolean;
  };
  bitbucket?: { owner: string; user: string; appPasswordRef?: SecretRef; allBranches?: boolean };
  bitbucketServer?: {
    project: string;
    api: string;
    basicAuth?: BasicAuthBitbucketServer;
    bearerToken?: BearerTokenBitbucket;
    allBranches?: boolean;
    insecure?: boolean;
    caRef?: ConfigMapKeyRef;
  };
  azureDevOps?: {
    organization: string;
    api?: string;
    teamProject: string;
    accessTokenRef?: SecretRef;
    allBranches?: boolean;
  };
  awsCodeCommit?: {
    tagFilters?: { key: string; value?: string }[];
    role?: string;
    region?: string;
    allBranches?: boolean;
  };
  filters?: SCMProviderGeneratorFilter[];
  /** ssh or https. */
  cloneProtocol?: string;
  requeueAfterSeconds?: number;
}

export interface PullRequestGeneratorFilter {
  branchMatch?: string;
  targetBranchMatch?: string;
  titleMatch?: string;
}

export interface PullRequestGenerator extends GeneratorCommon {
  github?: {
    owner: string;
    repo: string;
    api?: string;
    tokenRef?: SecretRef;
    appSecretName?: string;
    labels?: string[];
  };
  gitlab?: {
    project: string;
    api?: string;
    tokenRef?: SecretRef;
    labels?: string[];
    pullRequestState?: string;
    insecure?: boolean;
    caRef?: ConfigMapKeyRef;
  };
  gitea?: { owner: string; repo: string; api: string; tokenRef?: SecretRef; insecure?: boolean; labels?: string[] };
  bitbucketServer?: {
    project: string;
    repo: string;
    api: string;
    basicAuth?: BasicAuthBitbucketServer;
    bearerToken?: BearerTokenBitbucket;
    insecure?: boolean;
    caRef?: ConfigMapKeyRef;
  };
  bitbucket?: {
    owner: string;
    repo: string;
    api?: string;
    basicAuth?: BasicAuthBitbucketServer;
    bearerToken?: BearerTokenBitbucket;
  };
  azuredevops?: {
    organization: string;
    project: string;
    repo: string;
    api?: string;
    tokenRef?: SecretRef;
    labels?: string[];
  };
  filters?: PullRequestGeneratorFilter[];
  continueOnRepoNotFoundError?: boolean;
  requeueAfterSeconds?: number;
}

export interface DuckTypeGenerator extends GeneratorCommon {
  /** ConfigMap with apiVersion, kind, statusListKey and matchKey. */
  configMapRef: string;
  name?: string;
  labelSelector?: LabelSelector;
  requeueAfterSeconds?: number;
}

export interface PluginGenerator extends GeneratorCommon {
  configMapRef: { name: string };
  input?: { parameters?: Record<string, unknown> };
  requeueAfterSeconds?: number;
}

/** A generator inside matrix/merge: a further matrix/merge is raw JSON, as in Argo CD. */
export interface ApplicationSetNestedGenerator {
  list?: ListGenerator;
  clusters?: ClusterGenerator;
  git?: GitGenerator;
  scmProvider?: SCMProviderGenerator;
  clusterDecisionResource?: DuckTypeGenerator;
  pullRequest?: PullRequestGenerator;
  plugin?: PluginGenerator;
  matrix?: Record<string, unknown>;
  merge?: Record<string, unknown>;
  selector?: LabelSelector;
}

export interface MatrixGenerator {
  /** Exactly two. */
  generators: ApplicationSetNestedGenerator[];
  template?: ApplicationSetTemplate;
}

export interface MergeGenerator {
  generators: ApplicationSetNestedGenerator[];
  mergeKeys: string[];
  template?: ApplicationSetTemplate;
}

export interface ApplicationSetGenerator extends Omit<ApplicationSetNestedGenerator, 'matrix' | 'merge'> {
  matrix?: MatrixGenerator;
  merge?: MergeGenerator;
}

export type ApplicationsSyncPolicy = 'create-only' | 'create-update' | 'create-delete' | 'sync';

export interface ApplicationSetSyncPolicy {
  preserveResourcesOnDeletion?: boolean;
  applicationsSync?: ApplicationsSyncPolicy;
}

export interface ApplicationMatchExpression {
  key?: string;
  /** In or NotIn. */
  operator?: string;
  values?: string[];
}

export interface ApplicationSetRolloutStep {
  matchExpressions?: ApplicationMatchExpression[];
  /** A number or a percentage such as "25%". */
  maxUpdate?: IntOrString;
}

export interface ApplicationSetStrategy {
  type?: 'AllAtOnce' | 'RollingSync';
  rollingSync?: { steps?: ApplicationSetRolloutStep[] };
  deletionOrder?: 'AllAtOnce' | 'Reverse';
}

export interface ApplicationPreservedFields {
  annotations?: string[];
  labels?: string[];
}

export interface ApplicationSetResourceIgnoreDifferences {
  name?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
}

export interface ApplicationSetSpec {
  goTemplate?: boolean;
  goTemplateOptions?: string[];
  generators: ApplicationSetGenerator[];
  template: ApplicationSetTemplate;
  /** Go template rendered per parameter set and merged into the Application (goTemplate only). */
  templatePatch?: string;
  syncPolicy?: ApplicationSetSyncPolicy;
  strategy?: ApplicationSetStrategy;
  preservedFields?: ApplicationPreservedFields;
  ignoreApplicationDifferences?: ApplicationSetResourceIgnoreDifferences[];
  /** Deprecated. */
  applyNestedSelectors?: boolean;
}

export type ApplicationSetConditionType =
  'ErrorOccurred' | 'ParametersGenerated' | 'ResourcesUpToDate' | 'RolloutProgressing' | 'InvalidRolloutConfig';

export interface ApplicationSetCondition {
  type: ApplicationSetConditionType;
  message: string;
  lastTransitionTime?: Time;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
}

export interface ApplicationSetApplicationStatus {
  application: string;
  lastTransitionTime?: Time;
  message: string;
  status: 'Waiting' | 'Pending' | 'Progressing' | 'Healthy';
  step: string;
  targetRevisions: string[];
}

export interface ApplicationSetStatus {
  conditions?: ApplicationSetCondition[];
  applicationStatus?: ApplicationSetApplicationStatus[];
  resources?: ResourceStatus[];
  resourcesCount?: number;
  health?: HealthStatus;
}

export interface ApplicationSet extends ArgoprojObject<'ApplicationSet'> {
  spec: ApplicationSetSpec;
  status?: ApplicationSetStatus;
}
