// The project spec Argo CD actually enforces (argo.GetAppProjectByName + GetAppVirtualProject):
// project-scoped repositories join sourceRepos, project-scoped clusters join destinations (every
// namespace, or each namespace the cluster Secret lists), and global projects (argocd-cm
// `globalProjects`, chosen by the caller) append their lists.
import { type AppProject, type AppProjectSpec } from '@driftless/schema';
import { type ClusterDefinition } from '../../clusters/cluster-config';

export interface ProjectScope {
  /** Every known cluster; those whose `project` is this project's name are project-scoped. */
  readonly clusters?: readonly ClusterDefinition[];
  /** URLs of repository Secrets whose `project` is this project's name. */
  readonly repositoryURLs?: readonly string[];
  /** Global projects that apply to this project, in argocd-cm order. */
  readonly globalProjects?: readonly AppProject[];
}

type ListKey =
  | 'sourceRepos'
  | 'destinations'
  | 'clusterResourceWhitelist'
  | 'clusterResourceBlacklist'
  | 'namespaceResourceWhitelist'
  | 'namespaceResourceBlacklist'
  | 'syncWindows';

const GLOBAL_LISTS: readonly ListKey[] = [
  'clusterResourceWhitelist',
  'clusterResourceBlacklist',
  'namespaceResourceWhitelist',
  'namespaceResourceBlacklist',
  'syncWindows',
  'sourceRepos',
  'destinations',
];

export function effectiveProjectSpec(project: AppProject, scope: ProjectScope = {}): AppProjectSpec {
  const name = project.metadata.name ?? '';
  const scopedDestinations = (scope.clusters ?? [])
    .filter((cluster) => cluster.project === name)
    .flatMap((cluster) =>
      cluster.namespaces.length === 0
        ? [{ server: cluster.server, namespace: '*' }]
        : cluster.namespaces.map((namespace) => ({ server: cluster.server, namespace })),
    );
  let spec = appendList(project.spec, 'sourceRepos', scope.repositoryURLs);
  spec = appendList(spec, 'destinations', scopedDestinations);
  for (const global of scope.globalProjects ?? []) {
    if (global.metadata.name === name) continue;
    for (const key of GLOBAL_LISTS) spec = appendList(spec, key, global.spec[key]);
  }
  return spec;
}

/**
 * Go's append: absent stays absent when nothing is added, but an explicit empty list stays an
 * (empty) list — the difference matters, `namespaceResourceWhitelist: []` allows no kind at all.
 */
function appendList<K extends ListKey>(
  spec: AppProjectSpec,
  key: K,
  extra: readonly NonNullable<AppProjectSpec[K]>[number][] | undefined,
): AppProjectSpec {
  const base = spec[key];
  if (base === undefined && (extra === undefined || extra.length === 0)) return spec;
  return { ...spec, [key]: [...(base ?? []), ...(extra ?? [])] };
}
