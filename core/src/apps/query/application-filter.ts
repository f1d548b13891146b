// The application list's filters and facet counts, as Argo CD's UI and
// `argocd app list` offer them: projects, clusters (server URL or name),
// destination namespaces, repositories, sync and health status, auto-sync,
// a label selector and a name search. Values within one filter are ORed,
// filters are ANDed. A facet counts the applications that match every
// *other* filter, so choosing "OutOfSync" still shows how many are Synced.
// Pure: rows in, rows and counts out.
import { type LabelSelector, parseLabelSelector, selectorMatches } from '../../common/label-selector';

/** What the filters and facets read of an Application (built once per change, see application-row.ts). */
export interface ApplicationRow {
  /** `<namespace>/<name>` of the Application resource. */
  key: string;
  name: string;
  project: string;
  /** Destination server URL and name (either may be empty). */
  clusters: readonly string[];
  destinationNamespace: string;
  repos: readonly string[];
  syncStatus: string;
  healthStatus: string;
  autoSync: boolean;
  labels: Readonly<Record<string, string>>;
}

export interface ApplicationFilter {
  projects?: readonly string[] | null | undefined;
  clusters?: readonly string[] | null | undefined;
  namespaces?: readonly string[] | null | undefined;
  repos?: readonly string[] | null | undefined;
  syncStatuses?: readonly string[] | null | undefined;
  healthStatuses?: readonly string[] | null | undefined;
  autoSync?: boolean | null | undefined;
  /** Kubernetes label selector: `team=shop,env in (prod,staging),!legacy`. */
  labelSelector?: string | null | undefined;
  /** Case-insensitive substring of the name. */
  search?: string | null | undefined;
}

export const FACET_DIMENSIONS = [
  'project',
  'cluster',
  'namespace',
  'repo',
  'syncStatus',
  'healthStatus',
  'autoSync',
] as const;
export type FacetDimension = (typeof FACET_DIMENSIONS)[number];

export interface FacetCount {
  value: string;
  count: number;
}

export type Facets = Record<FacetDimension, FacetCount[]>;

export class InvalidFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFilterError';
  }
}

type Predicate = (row: ApplicationRow) => boolean;

/** A repository URL as users write it in several ways: no scheme case, no trailing `/` or `.git`. */
export function normalizeRepo(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

function oneOf(values: readonly string[] | null | undefined, read: (row: ApplicationRow) => readonly string[]) {
  if (!values || values.length === 0) return undefined;
  const wanted = new Set(values);
  return (row: ApplicationRow) => read(row).some((value) => wanted.has(value));
}

function labelPredicate(text: string | null | undefined): Predicate | undefined {
  if (!text || text.trim() === '') return undefined;
  let selector: LabelSelector;
  try {
    selector = parseLabelSelector(text);
  } catch (error) {
    throw new InvalidFilterError(`labelSelector: ${(error as Error).message}`);
  }
  return (row) => selectorMatches(selector, row.labels);
}

/** One predicate per filter dimension (a facet ignores its own). */
type Predicates = Partial<Record<FacetDimension | 'labels' | 'search', Predicate | undefined>>;

function predicates(filter: ApplicationFilter): Predicates {
  const repos = filter.repos?.map(normalizeRepo);
  const search = filter.search?.trim().toLowerCase();
  const result: Predicates = {
    project: oneOf(filter.projects, (row) => [row.project]),
    cluster: oneOf(filter.clusters, (row) => row.clusters),
    namespace: oneOf(filter.namespaces, (row) => [row.destinationNamespace]),
    repo: oneOf(repos, (row) => row.repos),
    syncStatus: oneOf(filter.syncStatuses, (row) => [row.syncStatus]),
    healthStatus: oneOf(filter.healthStatuses, (row) => [row.healthStatus]),
    labels: labelPredicate(filter.labelSelector),
  };
  if (filter.autoSync !== null && filter.autoSync !== undefined) {
    const autoSync = filter.autoSync;
    result.autoSync = (row) => row.autoSync === autoSync;
  }
  if (search) result.search = (row) => row.name.toLowerCase().includes(search);
  return result;
}

/**
 * The items whose row matches every filter, in their given order (the same
 * array when no filter is set: a list of thousands is not copied per request).
 */
export function filterRows<T>(
  items: readonly T[],
  filter: ApplicationFilter,
  rowOf: (item: T) => ApplicationRow = (item) => item as unknown as ApplicationRow,
): readonly T[] {
  const active = Object.values(predicates(filter)).filter((predicate) => predicate !== undefined);
  if (active.length === 0) return items;
  return items.filter((item) => {
    const row = rowOf(item);
    return active.every((predicate) => predicate(row));
  });
}

const facetValues: Record<FacetDimension, (row: ApplicationRow) => readonly string[]> = {
  project: (row) => [row.project],
  cluster: (row) => row.clusters,
  namespace: (row) => [row.destinationNamespace],
  repo: (row) => row.repos,
  syncStatus: (row) => [row.syncStatus],
  healthStatus: (row) => [row.healthStatus],
  autoSync: (row) => [String(row.autoSync)],
};

/**
 * Counts per value of every dimension, each over the rows that match all other
 * filters; values sorted by count, then name. One pass over the rows.
 */
export function facetCounts<T>(
  items: readonly T[],
  filter: ApplicationFilter,
  rowOf: (item: T) => ApplicationRow = (item) => item as unknown as ApplicationRow,
): Facets {
  const all = predicates(filter);
  const entries = Object.entries(all).filter((entry): entry is [string, Predicate] => entry[1] !== undefined);
  const counts = Object.fromEntries(
    FACET_DIMENSIONS.map((dimension) => [dimension, new Map<string, number>()]),
  ) as Record<FacetDimension, Map<string, number>>;
  for (const item of items) {
    const row = rowOf(item);
    const failed = entries.filter(([, predicate]) => !predicate(row)).map(([dimension]) => dimension);
    // Failing two filters: it counts in no facet; failing one: only in that one's.
    if (failed.length > 1) continue;
    for (const dimension of FACET_DIMENSIONS) {
      if (failed.length === 1 && failed[0] !== dimension) continue;
      const map = counts[dimension];
      for (const value of new Set(facetValues[dimension](row))) {
        if (value === '') continue;
        map.set(value, (map.get(value) ?? 0) + 1);
      }
    }
  }
  return Object.fromEntries(
    FACET_DIMENSIONS.map((dimension) => [
      dimension,
      [...counts[dimension]]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    ]),
  ) as Facets;
}
