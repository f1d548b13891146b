// Chart dependencies that `helm template` needs in `charts/`. Local
// `file://` dependencies are built here (with `helm dependency build`);
// repository dependencies (https://, oci://) are fetched by the kernel, which
// this plugin asks for them (it has no network access and no credentials).
import { CORE_SCHEMA, load } from 'js-yaml';
import { joinInside } from './repo-path';

export interface ChartDependency {
  name: string;
  repository: string;
  /** The version constraint of Chart.yaml ('' when unset). */
  version?: string;
}

export class ChartDependencyError extends Error {
  override name = 'ChartDependencyError';
}

/** The `dependencies` of a Chart.yaml (apiVersion v2). */
export function chartDependencies(chartYaml: string): ChartDependency[] {
  let chart: unknown;
  try {
    chart = load(chartYaml, { schema: CORE_SCHEMA, json: true });
  } catch {
    throw new ChartDependencyError('Chart.yaml is not valid YAML');
  }
  const dependencies =
    typeof chart === 'object' && chart !== null ? (chart as Record<string, unknown>).dependencies : undefined;
  if (!Array.isArray(dependencies)) return [];
  return dependencies
    .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    .map((entry) => ({
      name: typeof entry.name === 'string' ? entry.name : '',
      repository: typeof entry.repository === 'string' ? entry.repository : '',
      version: typeof entry.version === 'string' ? entry.version : '',
    }))
    .filter((dependency) => dependency.name !== '');
}

/** The `name` of a Chart.yaml, '' when it has none or is not YAML. */
export function chartName(chartYaml: string): string {
  try {
    const chart = load(chartYaml, { schema: CORE_SCHEMA, json: true }) as Record<string, unknown> | null;
    return typeof chart?.name === 'string' ? chart.name : '';
  } catch {
    return '';
  }
}

/** Chart.lock's pinned versions, by `name` and repository (helm dependency update wrote them). */
export function lockedVersions(chartLock: string): Map<string, string> {
  const locked = new Map<string, string>();
  for (const dependency of chartDependencies(chartLock))
    if (dependency.version) locked.set(`${dependency.name}\n${dependency.repository}`, dependency.version);
  return locked;
}

/** A dependency the kernel can fetch: a chart repository or an OCI registry. */
export function isRepositoryDependency(dependency: ChartDependency): boolean {
  return /^(https?|oci):\/\//i.test(dependency.repository);
}

/** Dependencies with neither `charts/<name>/` nor `charts/<name>-<version>.tgz` present. */
export function missingDependencies(
  dependencies: ChartDependency[],
  chartsEntries: readonly string[],
): ChartDependency[] {
  return dependencies.filter(
    ({ name }) =>
      !chartsEntries.some((entry) => entry === name || (entry.startsWith(`${name}-`) && entry.endsWith('.tgz'))),
  );
}

/**
 * The repo-relative directory of a `file://` dependency, checked to stay
 * inside the repository (helm would otherwise read it from wherever it points).
 */
export function localDependencyPath(chartPath: string, dependency: ChartDependency): string {
  const relative = dependency.repository.slice('file://'.length);
  const path = relative.startsWith('/') ? undefined : joinInside(chartPath, relative);
  if (path === undefined)
    throw new ChartDependencyError(
      `chart dependency "${dependency.name}" (${dependency.repository.slice(0, 200)}) is outside the repository`,
    );
  return path;
}

/** Checks that every missing dependency can be built locally; returns their directories. */
export function buildableDependencies(chartPath: string, missing: ChartDependency[]): string[] {
  return missing.map((dependency) => {
    if (!dependency.repository.startsWith('file://'))
      throw new ChartDependencyError(
        `chart dependency "${dependency.name}" is not in charts/ and comes from ${
          dependency.repository ? `repository ${dependency.repository.slice(0, 200)}` : 'no repository'
        }; builtin.helm fetches https:// and oci:// repositories and builds file:// dependencies (use a repository URL, not an alias, or vendor the chart into charts/)`,
      );
    return localDependencyPath(chartPath, dependency);
  });
}
