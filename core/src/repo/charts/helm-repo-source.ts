// Classic Helm repositories: index.yaml (size-capped, deadline, cached for
// indexCacheMs per URL and credentials), version selection, and the archive
// from the entry's first URL, verified against the index digest when present.
// Credentials go to the repository's own origin; to another host only with
// passCredentials, as `helm repo add --pass-credentials`.
import { chartError, type ChartLocation } from './chart-error';
import {
  type ChartRepoAccess,
  credentialIdentity,
  repositoryAuthorization,
  sha256Hex,
  tlsSettings,
} from './chart-access';
import { highestVersions, selectChartVersion } from './chart-version';
import { type HelmIndex, type IndexChartVersion, IndexParseError, parseHelmIndex } from './helm-index';
import { normalizeRepoUrl } from '../credentials/repository-url';
import type { DownloadedChart, OperationContext } from './source-context';

interface CachedIndex {
  expires: number;
  index: Promise<HelmIndex>;
}

function repoBase(url: string): URL {
  return new URL(url.replace(/\/*$/, '/'));
}

export class HelmRepoSource {
  private readonly indexes = new Map<string, CachedIndex>();

  async resolve(
    context: OperationContext,
    access: ChartRepoAccess,
    chart: string,
    targetRevision: string,
  ): Promise<{ version: string; digest?: string }> {
    const location = { url: access.url, chart };
    const versions = await this.chartVersions(context, access, location);
    const selected = selectChartVersion(
      targetRevision,
      versions.map((entry) => entry.version),
    );
    const entry = versions.find((candidate) => candidate.version === selected);
    if (!entry) {
      const newest = highestVersions(
        versions.map((candidate) => candidate.version),
        5,
      );
      throw chartError(
        'VERSION_NOT_FOUND',
        location,
        `no version matches "${targetRevision}" (newest: ${newest.join(', ') || 'none'})`,
        'change targetRevision',
      );
    }
    return entry.digest ? { version: entry.version, digest: `sha256:${entry.digest}` } : { version: entry.version };
  }

  async download(
    context: OperationContext,
    access: ChartRepoAccess,
    chart: string,
    version: string,
    passCredentials: boolean,
  ): Promise<DownloadedChart> {
    const location = { url: access.url, chart };
    const versions = await this.chartVersions(context, access, location);
    const entry = versions.find((candidate) => candidate.version === version);
    if (!entry) {
      throw chartError(
        'VERSION_NOT_FOUND',
        location,
        `version ${version} is not in the index`,
        'resolve the version first',
      );
    }
    const first = entry.urls[0];
    if (first === undefined)
      throw chartError('FAILED', location, `version ${version} has no download URL in the index`);
    const base = repoBase(access.url);
    const target = new URL(first, base);
    const answer = await context.http.get(target.toString(), {
      location,
      what: `the archive of version ${version}`,
      authorization: repositoryAuthorization(access),
      credentialOrigin: base.origin,
      passCredentials,
      maxBytes: context.limits.maxChartBytes,
      signal: context.signal,
      timeoutMs: context.limits.timeoutMs,
      tls: tlsSettings(access, target.host),
    });
    const digest = sha256Hex(answer.body);
    if (entry.digest && entry.digest !== digest) {
      throw chartError(
        'FAILED',
        location,
        `the archive of version ${version} has digest sha256:${digest}, the index says sha256:${entry.digest}`,
        'the repository is inconsistent or the download was tampered with; re-index the repository',
      );
    }
    return { archive: answer.body, digest: `sha256:${digest}` };
  }

  /** Reads the repository's index.yaml (with its credentials): `driftless repo add --type helm` checks access this way. */
  async checkIndex(context: OperationContext, access: ChartRepoAccess): Promise<void> {
    await this.index(context, access, { url: access.url, chart: '' });
  }

  private async chartVersions(
    context: OperationContext,
    access: ChartRepoAccess,
    location: ChartLocation,
  ): Promise<IndexChartVersion[]> {
    const index = await this.index(context, access, location);
    const versions = index.get(location.chart);
    if (!versions) {
      throw chartError('NOT_FOUND', location, 'the repository index has no such chart', 'check the chart name');
    }
    return versions;
  }

  private index(context: OperationContext, access: ChartRepoAccess, location: ChartLocation): Promise<HelmIndex> {
    const key = `${normalizeRepoUrl(access.url)}\n${credentialIdentity(access)}`;
    const now = Date.now();
    const cached = this.indexes.get(key);
    if (cached && cached.expires > now) return cached.index;
    const index = this.fetchIndex(context, access, location);
    this.indexes.set(key, { expires: now + context.limits.indexCacheMs, index });
    index.catch(() => this.indexes.delete(key));
    return index;
  }

  private async fetchIndex(
    context: OperationContext,
    access: ChartRepoAccess,
    location: ChartLocation,
  ): Promise<HelmIndex> {
    const base = repoBase(access.url);
    const answer = await context.http.get(new URL('index.yaml', base).toString(), {
      location,
      what: 'index.yaml',
      authorization: repositoryAuthorization(access),
      credentialOrigin: base.origin,
      maxBytes: context.limits.maxIndexBytes,
      signal: context.signal,
      timeoutMs: context.limits.timeoutMs,
      tls: tlsSettings(access, base.host),
    });
    try {
      return parseHelmIndex(answer.body.toString('utf8'));
    } catch (error) {
      if (error instanceof IndexParseError) {
        throw chartError('FAILED', location, error.message, 'check that the URL points at a Helm repository');
      }
      throw error;
    }
  }
}
