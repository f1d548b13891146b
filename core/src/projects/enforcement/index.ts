// AppProject enforcement as Argo CD applies it: pure functions, no Nest, no I/O, no clock.
export { appNamespaceCondition, appNamespaceFilter, isAppNamespacePermitted } from './app-namespace';
export { type ClusterLookup, clusterLookup } from './cluster-lookup';
export { type CompiledDestination, type CompiledProject, compileProject } from './compile-project';
export { DEFAULT_PROJECT_NAME, defaultProject } from './default-project';
export {
  type ClusterIdentity,
  type DestinationVerdict,
  checkDestination,
  isClusterDestinationPermitted,
  isDestinationPermitted,
} from './destination-permission';
export { messages } from './messages';
export { normalizeGitUrl, repoUrlProblem } from './normalize-git-url';
export {
  type LiveResource,
  type OrphanedResourcesOptions,
  type OrphanedResourcesResult,
  orphanedResources,
  resourceKey,
} from './orphaned-resources';
export { type DestinationResolution, resolveDestinationCluster } from './resolve-destination';
export {
  type ResourceRef,
  type ResourceRule,
  type ResourceVerdict,
  isResourcePermitted,
  projectPermitsResource,
} from './resource-permission';
export { isSourcePermitted } from './source-permission';
export { type SpecCondition } from './spec-condition';
export { type SpecContext, applicationSpecViolations } from './spec-violations';
export { type ProjectScope, effectiveProjectSpec } from './virtual-project';
