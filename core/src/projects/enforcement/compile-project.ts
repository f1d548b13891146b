// An AppProject with every pattern compiled once. The controller checks thousands of objects
// per refresh against the same project, so compile when the project (or the cluster list, or
// the repository Secrets) changes and reuse the result; answers are memoised on it.
import { compileGlob } from '@driftless/glob';
import { type AppProject, type AppProjectSpec } from '@driftless/schema';
import { type ClusterDefinition } from '../../clusters/cluster-config';
import { BoundedCache } from './bounded-cache';
import { type NamespacePatterns, compileNamespacePatterns } from './namespace-patterns';
import { type NegatablePattern, compileNegatablePattern } from './negatable-pattern';
import { normalizeGitUrl } from './normalize-git-url';
import { type OrphanedResourcesSettings, compileOrphanedResourcesSettings } from './orphaned-resources-settings';
import { compileRepoGlob } from './repo-glob';
import { type ResourceKindRules, compileResourceKindRules } from './resource-kind-rules';
import { type ProjectScope, effectiveProjectSpec } from './virtual-project';

export interface CompiledDestination {
  readonly server: NegatablePattern;
  readonly name: NegatablePattern;
  readonly namespace: NegatablePattern;
}

export interface CompiledProject {
  readonly name: string;
  /** The spec after project-scoped clusters, repositories and global projects were merged in. */
  readonly spec: AppProjectSpec;
  readonly sourceRepos: readonly NegatablePattern[];
  readonly destinations: readonly CompiledDestination[];
  readonly permitOnlyProjectScopedClusters: boolean;
  /** Clusters whose Secret names this project (`project:` in the cluster Secret). */
  readonly scopedClusters: readonly ClusterDefinition[];
  readonly sourceNamespaces: NamespacePatterns;
  readonly resourceKinds: ResourceKindRules;
  /** undefined when the project does not monitor orphaned resources. */
  readonly orphanedResources: OrphanedResourcesSettings | undefined;
  readonly memo: {
    readonly sources: BoundedCache<boolean>;
    readonly destinations: BoundedCache<boolean>;
  };
}

export function compileProject(project: AppProject, scope: ProjectScope = {}): CompiledProject {
  const name = project.metadata.name ?? '';
  if (project.spec.permitOnlyProjectScopedClusters === true && scope.clusters === undefined) {
    throw new Error(
      `compileProject: AppProject ${name} sets permitOnlyProjectScopedClusters, so its project-scoped clusters ` +
        'must be known; pass scope.clusters (the current cluster list) and compile again when it changes',
    );
  }
  const spec = effectiveProjectSpec(project, scope);
  return {
    name,
    spec,
    sourceRepos: (spec.sourceRepos ?? []).map(compileSourceRepoPattern),
    destinations: (spec.destinations ?? []).map((destination) => ({
      server: compileNegatablePattern(destination.server ?? '', compileGlob),
      name: compileNegatablePattern(destination.name ?? '', compileGlob),
      namespace: compileNegatablePattern(destination.namespace ?? '', compileGlob),
    })),
    permitOnlyProjectScopedClusters: spec.permitOnlyProjectScopedClusters === true,
    scopedClusters: (scope.clusters ?? []).filter((cluster) => cluster.project === name),
    sourceNamespaces: compileNamespacePatterns(spec.sourceNamespaces ?? []),
    resourceKinds: compileResourceKindRules(spec),
    orphanedResources: spec.orphanedResources && compileOrphanedResourcesSettings(spec.orphanedResources),
    memo: { sources: new BoundedCache(), destinations: new BoundedCache() },
  };
}

/** Patterns are normalized like the URLs they match; a `!` stays in front. */
function compileSourceRepoPattern(pattern: string): NegatablePattern {
  const normalized = pattern.startsWith('!') ? `!${normalizeGitUrl(pattern.slice(1))}` : normalizeGitUrl(pattern);
  return compileNegatablePattern(normalized, compileRepoGlob);
}
