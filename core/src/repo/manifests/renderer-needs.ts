// What a renderer asked the kernel to fetch before it can render
// (`RendererOutput.needs`): today charts — a Helm chart's repository
// dependencies, which the sandboxed renderer can neither reach nor
// authenticate to. Checked here (a plugin's answer is input like any other),
// fetched through the chart cache with the repositories' credentials and the
// egress policy, and handed back as overlays of the next call's exec copies.
import { type ChartNeed, type ProvidedChart, type RendererOutput } from '@driftless/plugin-sdk';
import { ManifestGenerationError } from './manifest-generator-error';
import { type SourceWorkspaces } from './render-ports';

export const maxChartNeeds = 32;

export interface FulfilledNeeds {
  /** Workspace-relative folder → fetched folder, for CallContext.overlays. */
  overlays: Record<string, string>;
  provided: { charts: ProvidedChart[] };
}

export async function fulfilNeeds(
  needs: NonNullable<RendererOutput['needs']>,
  sources: SourceWorkspaces,
  renderer: string,
  project?: string,
): Promise<FulfilledNeeds> {
  const charts = checkedChartNeeds(needs.charts, renderer);
  const fetchChart = sources.chart?.bind(sources);
  if (!fetchChart) {
    const first = charts[0] as ChartNeed;
    throw new ManifestGenerationError(
      `chart dependency "${first.name}" comes from ${first.repository}, which offline rendering does not fetch: vendor it into charts/ (helm dependency build) or render through a repo-server`,
    );
  }
  const fetched = await Promise.all(
    charts.map(async (need) => {
      try {
        return { need, chart: await fetchChart(need.repository, need.name, need.version, project) };
      } catch (error) {
        throw new ManifestGenerationError(
          `chart dependency "${need.name}" ${need.version} from ${need.repository}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }),
  );
  const overlays: Record<string, string> = {};
  for (const { need, chart } of fetched) overlays[need.into] = chart.dir;
  return {
    overlays,
    provided: { charts: fetched.map(({ need, chart }) => ({ ...need, resolvedVersion: chart.version })) },
  };
}

function checkedChartNeeds(value: unknown, renderer: string): ChartNeed[] {
  const invalid = (what: string) =>
    new ManifestGenerationError(`renderer ${renderer} asked for charts with ${what}; this is a bug in the renderer`);
  if (!Array.isArray(value) || value.length === 0) throw invalid('no list of charts');
  if (value.length > maxChartNeeds) throw invalid(`more than ${maxChartNeeds} charts`);
  const seen = new Set<string>();
  return value.map((entry: unknown) => {
    const need = entry as Partial<ChartNeed>;
    for (const field of ['repository', 'name', 'version', 'into'] as const) {
      const text = need?.[field];
      if (typeof text !== 'string' || text === '' || text.length > 2048 || text.includes('\0'))
        throw invalid(`a missing or unusable ${field}`);
    }
    const into = (need.into as string).replace(/\/+$/, '');
    if (
      into.startsWith('/') ||
      into.split('/').some((segment) => segment === '..' || segment === '' || segment === '.')
    )
      throw invalid(`the folder "${into.slice(0, 200)}", which is not a plain path inside the workspace`);
    if (seen.has(into)) throw invalid(`the folder "${into.slice(0, 200)}" twice`);
    seen.add(into);
    return { repository: need.repository as string, name: need.name as string, version: need.version as string, into };
  });
}
