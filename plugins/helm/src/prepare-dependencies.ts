// Makes a chart's dependencies available to `helm template`: vendored ones are
// there already; missing `file://` ones are built with `helm dependency
// build`; missing repository ones (https://, oci://) are asked of the kernel
// (`needs`), which fetches them with the repositories' credentials and calls
// again with them provided in `charts/` of the exec copy.
import { type ChartNeed, type HostApi, type ProvidedChart } from '@driftless/plugin-sdk';
import {
  buildableDependencies,
  chartDependencies,
  chartName,
  ChartDependencyError,
  isRepositoryDependency,
  localDependencyPath,
  lockedVersions,
  missingDependencies,
} from './chart-dependencies';
import { helmFailure } from './helm-errors';
import { childPath } from './repo-path';

export const helmTimeoutMs = 60_000;

export interface PreparedDependencies {
  /** Every local (`file://`) dependency directory. */
  local: string[];
  /** Repository dependencies to fetch first; render again once they are provided. */
  needs?: ChartNeed[];
  /**
   * Why missing dependencies cannot be had, kept until helm confirms they are
   * missing (a vendored chart may sit under another name).
   */
  unbuildable?: Error;
}

export async function prepareDependencies(
  host: HostApi,
  chartPath: string,
  provided: readonly ProvidedChart[],
): Promise<PreparedDependencies> {
  const chartFile = childPath(chartPath, 'Chart.yaml');
  if (!(await host.workspace.exists(chartFile))) throw new Error(`${chartFile} does not exist`);
  const dependencies = chartDependencies(await host.workspace.readFile(chartFile));
  const local = dependencies
    .filter(({ repository }) => repository.startsWith('file://'))
    .map((dependency) => localDependencyPath(chartPath, dependency));
  const chartsDir = childPath(chartPath, 'charts');
  const vendored = dependencies.length > 0 ? await vendoredNames(host, chartsDir) : [];
  const missing = missingDependencies(dependencies, vendored);
  if (missing.length === 0) return { local };

  const remote = missing.filter(isRepositoryDependency);
  const rest = missing.filter((dependency) => !isRepositoryDependency(dependency));
  if (remote.length > 0) {
    if (rest.some((dependency) => dependency.repository.startsWith('file://')))
      throw new ChartDependencyError(
        'the chart misses both file:// and repository dependencies; vendor one kind into charts/ (helm dependency build)',
      );
    const lockFile = childPath(chartPath, 'Chart.lock');
    const locked = (await host.workspace.exists(lockFile))
      ? lockedVersions(await host.workspace.readFile(lockFile))
      : new Map<string, string>();
    // One folder per chart name: aliases of one chart share it, as in `helm dependency build`.
    const needs = new Map<string, ChartNeed>();
    for (const dependency of remote)
      needs.set(dependency.name, {
        repository: dependency.repository,
        name: dependency.name,
        version: locked.get(`${dependency.name}\n${dependency.repository}`) ?? (dependency.version || '*'),
        into: childPath(chartsDir, dependency.name),
      });
    const unprovided = [...needs.values()].filter(
      (need) => !provided.some((chart) => chart.into === need.into && chart.name === need.name),
    );
    if (unprovided.length > 0) return { local, needs: unprovided };
    if (rest.length === 0) return { local };
  }
  try {
    buildableDependencies(chartPath, rest);
  } catch (error) {
    return { local, unbuildable: error as Error };
  }
  const result = await host.exec.run({
    binary: 'helm',
    args: ['dependency', 'build', chartPath],
    cwd: '.',
    timeoutMs: helmTimeoutMs,
  });
  if (result.exitCode !== 0)
    throw new Error(`helm dependency build failed: ${helmFailure(result.stderr, result.exitCode)}`);
  return { local };
}

/**
 * Entries of charts/, plus the chart name inside each unpacked folder: a
 * vendored chart may sit under another folder name (charts/bitnami-redis
 * holding `name: redis`), and fetching it again would be wrong.
 */
async function vendoredNames(host: HostApi, chartsDir: string): Promise<string[]> {
  if (!(await host.workspace.exists(chartsDir))) return [];
  const names: string[] = [];
  for (const entry of await host.workspace.list(chartsDir)) {
    names.push(entry.name);
    const chartYaml = childPath(childPath(chartsDir, entry.name), 'Chart.yaml');
    if (entry.type !== 'directory' || !(await host.workspace.exists(chartYaml))) continue;
    const name = chartName(await host.workspace.readFile(chartYaml));
    if (name) names.push(name);
  }
  return names;
}
