// ChartCache: resolve a chart version and fetch the chart into a shared,
// read-only folder per (repository, chart, version), reused across calls and
// processes. Classic Helm repositories and OCI registries; see
// helm-repo-source.ts and oci-source.ts for the protocols.
import { createHash } from 'node:crypto';
import { ChartError, chartError } from './chart-error';
import { type ChartRepoAccess, tlsSettings } from './chart-access';
import { type Egress } from '../egress';
import { ChartHttp } from './chart-http';
import { HelmRepoSource } from './helm-repo-source';
import { isOciUrl } from './oci-reference';
import { OciSource } from './oci-source';
import { ArchiveError } from './safe-extract';
import { ChartStore, NoChartYamlError } from './chart-store';
import { normalizeRepoUrl } from '../credentials/repository-url';
import type { DownloadedChart, OperationContext, SourceLimits } from './source-context';

export interface ChartCacheOptions {
  /** Folder for extracted charts; created when missing. */
  root: string;
  /** Compressed archive cap, default 50 MiB. */
  maxChartBytes?: number;
  /** Unpacked cap (tar stream bytes), default 200 MiB. */
  maxExtractedBytes?: number;
  /** Entries per archive, default 10 000. */
  maxFiles?: number;
  /** index.yaml / tag list cap, default 50 MiB. */
  maxIndexBytes?: number;
  /** Deadline of one resolve or fetch, default 90 s. */
  timeoutMs?: number;
  /** How long a fetched index.yaml is reused, default 60 s. */
  indexCacheMs?: number;
  fetch?: typeof fetch;
  /** Networks chart requests may reach; without it, anywhere. */
  egress?: Egress;
}

export interface ChartFetchOptions {
  /** helm.passCredentials: send the repository's credentials to chart URLs on other hosts too. */
  passCredentials?: boolean;
}

export interface FetchedChart {
  /** The chart root: the folder holding Chart.yaml. Shared and read-only; copy it before changing anything. */
  dir: string;
  version: string;
  /** sha256 of the chart archive, `sha256:<hex>`. */
  digest: string;
}

const chartNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export class ChartCache {
  private readonly http: ChartHttp;
  private readonly limits: SourceLimits;
  private readonly extractLimits: { maxExtractedBytes: number; maxFiles: number };
  private readonly store: ChartStore;
  private readonly helm = new HelmRepoSource();
  private readonly oci = new OciSource();
  private readonly inFlight = new Map<string, Promise<FetchedChart>>();
  private swept: Promise<void> | undefined;

  constructor(options: ChartCacheOptions) {
    this.http = new ChartHttp(options.fetch, options.egress);
    this.limits = {
      maxChartBytes: options.maxChartBytes ?? 50 * 1024 * 1024,
      maxIndexBytes: options.maxIndexBytes ?? 50 * 1024 * 1024,
      timeoutMs: options.timeoutMs ?? 90_000,
      indexCacheMs: options.indexCacheMs ?? 60_000,
    };
    this.extractLimits = {
      maxExtractedBytes: options.maxExtractedBytes ?? 200 * 1024 * 1024,
      maxFiles: options.maxFiles ?? 10_000,
    };
    this.store = new ChartStore(options.root);
  }

  /** Closes pooled connections. */
  async close(): Promise<void> {
    await this.http.close();
  }

  async resolveVersion(
    repo: ChartRepoAccess,
    chart: string,
    targetRevision: string,
  ): Promise<{ version: string; digest?: string }> {
    checkChartName(repo, chart);
    const context = this.context();
    if (this.isOci(repo)) return this.oci.resolve(context, repo, chart, targetRevision);
    return this.helm.resolve(context, repo, chart, targetRevision);
  }

  /**
   * Checks that a classic Helm repository answers its index.yaml with these
   * credentials. OCI registries are checked per chart (there is no index to
   * read without a chart name), so they pass here.
   */
  async checkRepository(repo: ChartRepoAccess): Promise<void> {
    if (this.isOci(repo)) return;
    await this.helm.checkIndex(this.context(), repo);
  }

  /**
   * A file by http(s) URL (a Helm value file given as a URL), size-capped, with
   * the TLS settings of `access` and no credentials, within the egress policy.
   * Undefined when the server answers 404.
   */
  async fetchFile(access: ChartRepoAccess, maxBytes = 8 * 1024 * 1024): Promise<Buffer | undefined> {
    const target = new URL(access.url);
    const context = this.context();
    const answer = await this.http.get(access.url, {
      location: { url: access.url, chart: '' },
      what: 'the file',
      maxBytes,
      signal: context.signal,
      timeoutMs: this.limits.timeoutMs,
      tls: tlsSettings({ url: access.url, ...(access.tlsCerts ? { tlsCerts: access.tlsCerts } : {}) }, target.host),
      passStatuses: [404],
    });
    return answer.status === 404 ? undefined : answer.body;
  }

  async fetch(
    repo: ChartRepoAccess,
    chart: string,
    version: string,
    options: ChartFetchOptions = {},
  ): Promise<FetchedChart> {
    checkChartName(repo, chart);
    const key = cacheKey(repo.url, chart, version);
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = this.fetchOnce(key, repo, chart, version, options).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  private async fetchOnce(
    key: string,
    repo: ChartRepoAccess,
    chart: string,
    version: string,
    options: ChartFetchOptions,
  ): Promise<FetchedChart> {
    const cached = await this.store.read(key);
    if (cached) return cached;
    this.swept ??= this.store.sweepTemp(2 * this.limits.timeoutMs).catch(() => undefined);
    await this.swept;
    const context = this.context();
    const downloaded: DownloadedChart = this.isOci(repo)
      ? await this.oci.download(context, repo, chart, version)
      : await this.helm.download(context, repo, chart, version, options.passCredentials === true);
    try {
      return await this.store.store(
        key,
        downloaded.archive,
        { version, digest: downloaded.digest },
        this.extractLimits,
      );
    } catch (error) {
      const location = { url: repo.url, chart };
      if (error instanceof ArchiveError) {
        throw chartError(
          error.code,
          location,
          `version ${version}: ${error.message}`,
          'the chart archive is refused; report it to the chart publisher',
        );
      }
      if (error instanceof NoChartYamlError)
        throw chartError('FAILED', location, `version ${version}: ${error.message}`);
      if (error instanceof ChartError) throw error;
      throw chartError(
        'FAILED',
        location,
        `version ${version}: cannot store the chart (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }

  private context(): OperationContext {
    return { http: this.http, limits: this.limits, signal: AbortSignal.timeout(this.limits.timeoutMs) };
  }

  private isOci(repo: ChartRepoAccess): boolean {
    return repo.credentials?.type === 'oci' || repo.credentials?.enableOCI === true || isOciUrl(repo.url);
  }
}

function checkChartName(repo: ChartRepoAccess, chart: string): void {
  if (!chartNamePattern.test(chart) || chart.split('/').some((part) => part === '..')) {
    throw chartError(
      'NOT_FOUND',
      { url: repo.url, chart: chart.slice(0, 100) },
      'the chart name is not valid',
      'use the chart name as the repository lists it',
    );
  }
  // fetch refuses URLs with userinfo; say why instead of failing obscurely.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(repo.url) || /^[^/:]+(:[^/@]*)?@/.test(repo.url)) {
    throw chartError(
      'FAILED',
      { url: repo.url, chart },
      'the repository URL carries credentials',
      'remove them from the URL and put them in the repository Secret (username, password)',
    );
  }
}

/** sha256 of the normalized URL, chart and version: nothing in it can be a credential or a path. */
export function cacheKey(url: string, chart: string, version: string): string {
  const normalized = normalizeRepoUrl(url.replace(/^oci:\/\//i, ''));
  const withoutUserinfo = normalized.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/, '$1');
  return createHash('sha256').update(`${withoutUserinfo}\n${chart}\n${version}`).digest('hex');
}
