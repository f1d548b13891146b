// What a renderer asked the kernel to fetch before it can render
// (`RendererOutput.needs`): charts — a Helm chart's repository dependencies,
// which the sandboxed renderer can neither reach nor authenticate to — and
// files by URL (Helm value files given as URLs). Checked here (a plugin's
// answer is input like any other), fetched through the chart cache (the
// repositories' credentials for charts, the egress policy for everything) and
// handed back as overlays of the next call's exec copies.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChartNeed, type FileNeed, type ProvidedChart, type RendererOutput } from '@driftless/plugin-sdk';
import { ManifestGenerationError } from './manifest-generator-error';
import { type SourceWorkspaces } from './render-ports';

export const maxChartNeeds = 32;
export const maxFileNeeds = 32;

export interface FulfilledNeeds {
  /** Workspace-relative path → fetched folder or file, for CallContext.overlays. */
  overlays: Record<string, string>;
  provided: { charts: ProvidedChart[]; files: FileNeed[] };
  /** Removes the fetched files (charts stay in the chart cache). Call once the render is done. */
  cleanup(): Promise<void>;
}

/**
 * Fetches what a renderer needs. Files by URL go to a fresh directory under
 * `scratchRoot`, which the plugin runners must be able to read (in the
 * Deployment: under the repo cache, shared read-only with their container).
 */
export async function fulfilNeeds(
  needs: NonNullable<RendererOutput['needs']>,
  sources: SourceWorkspaces,
  renderer: string,
  project?: string,
  scratchRoot: string = tmpdir(),
): Promise<FulfilledNeeds> {
  const charts = needs.charts === undefined ? [] : checkedChartNeeds(needs.charts, renderer);
  const files = needs.files === undefined ? [] : checkedFileNeeds(needs.files, renderer);
  if (charts.length + files.length === 0) throw invalidNeeds(renderer, 'nothing to fetch');
  const intos = [...charts, ...files].map((need) => need.into);
  const twice = intos.find((into, index) => intos.indexOf(into) !== index);
  if (twice !== undefined) throw invalidNeeds(renderer, `the path "${twice.slice(0, 200)}" twice`);
  const overlays: Record<string, string> = {};
  const fetchedCharts = await fetchCharts(charts, sources, project);
  for (const { provided, dir } of fetchedCharts) overlays[provided.into] = dir;
  if (files.length) await mkdir(scratchRoot, { recursive: true });
  const scratch = files.length ? await mkdtemp(join(scratchRoot, 'driftless-needs-')) : undefined;
  const cleanup = async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  };
  try {
    const providedFiles: FileNeed[] = [];
    for (const [index, need] of files.entries()) {
      const content = await fetchFile(need, sources, project);
      if (content === undefined) continue;
      const path = join(scratch as string, `file-${index}`);
      await writeFile(path, content, { mode: 0o600 });
      overlays[need.into] = path;
      providedFiles.push(need);
    }
    const providedCharts = fetchedCharts.map(({ provided }) => provided);
    return { overlays, provided: { charts: providedCharts, files: providedFiles }, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function fetchCharts(
  charts: ChartNeed[],
  sources: SourceWorkspaces,
  project: string | undefined,
): Promise<{ provided: ProvidedChart; dir: string }[]> {
  if (charts.length === 0) return [];
  const fetchChart = sources.chart?.bind(sources);
  if (!fetchChart) {
    const first = charts[0] as ChartNeed;
    throw new ManifestGenerationError(
      `chart dependency "${first.name}" comes from ${first.repository}, which offline rendering does not fetch: vendor it into charts/ (helm dependency build) or render through a repo-server`,
    );
  }
  return Promise.all(
    charts.map(async (need) => {
      try {
        const chart = await fetchChart(need.repository, need.name, need.version, project);
        return { provided: { ...need, resolvedVersion: chart.version }, dir: chart.dir };
      } catch (error) {
        throw new ManifestGenerationError(
          `chart dependency "${need.name}" ${need.version} from ${need.repository}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }),
  );
}

async function fetchFile(
  need: FileNeed,
  sources: SourceWorkspaces,
  project: string | undefined,
): Promise<Buffer | undefined> {
  const fetchOne = sources.file?.bind(sources);
  if (!fetchOne)
    throw new ManifestGenerationError(
      `${shownUrl(need.url)} is a remote file, which offline rendering does not fetch: keep it in the repository`,
    );
  let content: Buffer | undefined;
  try {
    content = await fetchOne(need.url, project);
  } catch (error) {
    throw new ManifestGenerationError(
      `${shownUrl(need.url)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (content === undefined && !need.optional)
    throw new ManifestGenerationError(`${shownUrl(need.url)} does not exist (HTTP 404)`);
  return content;
}

/** A URL as messages show it: no userinfo, no query. */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

function invalidNeeds(renderer: string, what: string): ManifestGenerationError {
  return new ManifestGenerationError(`renderer ${renderer} asked for ${what}; this is a bug in the renderer`);
}

/** A plain path inside the workspace: relative, no `.`/`..`/empty segments. */
function checkedInto(into: string, renderer: string): string {
  const clean = into.replace(/\/+$/, '');
  if (
    clean.startsWith('/') ||
    clean.split('/').some((segment) => segment === '..' || segment === '' || segment === '.')
  )
    throw invalidNeeds(renderer, `the path "${clean.slice(0, 200)}", which is not a plain path inside the workspace`);
  return clean;
}

function checkedFileNeeds(value: unknown, renderer: string): FileNeed[] {
  if (!Array.isArray(value)) throw invalidNeeds(renderer, 'files that are not a list');
  if (value.length > maxFileNeeds) throw invalidNeeds(renderer, `more than ${maxFileNeeds} files`);
  return value.map((entry: unknown) => {
    const need = entry as Partial<FileNeed>;
    if (typeof need?.url !== 'string' || !/^https?:\/\//i.test(need.url) || need.url.length > 2048)
      throw invalidNeeds(renderer, 'a file whose URL is not http(s)');
    if (typeof need.into !== 'string' || need.into === '' || need.into.includes('\0'))
      throw invalidNeeds(renderer, 'a file with a missing or unusable into');
    return {
      url: need.url,
      into: checkedInto(need.into, renderer),
      ...(need.optional === true ? { optional: true } : {}),
    };
  });
}

function checkedChartNeeds(value: unknown, renderer: string): ChartNeed[] {
  const invalid = (what: string) => invalidNeeds(renderer, `charts with ${what}`);
  if (!Array.isArray(value) || value.length === 0) throw invalid('no list of charts');
  if (value.length > maxChartNeeds) throw invalid(`more than ${maxChartNeeds} charts`);
  return value.map((entry: unknown) => {
    const need = entry as Partial<ChartNeed>;
    for (const field of ['repository', 'name', 'version', 'into'] as const) {
      const text = need?.[field];
      if (typeof text !== 'string' || text === '' || text.length > 2048 || text.includes('\0'))
        throw invalid(`a missing or unusable ${field}`);
    }
    return {
      repository: need.repository as string,
      name: need.name as string,
      version: need.version as string,
      into: checkedInto(need.into as string, renderer),
    };
  });
}
