// Helm charts in OCI registries, over the distribution API with fetch (no helm
// binary): the tag list (paged by Link headers), the image manifest, and the
// chart layer blob, verified against its sha256 digest.
// Authentication: oci-auth.ts.
//
// Transport: https always, with the repository's TLS settings (`insecure`
// skips verification); plain http only for loopback registries (127.0.0.0/8,
// ::1, localhost), which Docker also treats as insecure by default.
import { ChartError, chartError, type ChartLocation } from './chart-error';
import { type ChartRepoAccess, credentialIdentity, sha256Hex } from './chart-access';
import { OciRegistryClient, type OciTarget } from './oci-auth';
import { highestVersions, isExactVersion, selectChartVersion } from './chart-version';
import { isLoopbackHost, nextLink, ociRepositoryName, parseOciUrl, tagToVersion, versionToTag } from './oci-reference';
import type { DownloadedChart, OperationContext } from './source-context';

export const helmChartLayerMediaType = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
const manifestMediaType = 'application/vnd.oci.image.manifest.v1+json';
const maxManifestBytes = 4 * 1024 * 1024;
const maxTagPages = 100;

interface ManifestLayer {
  mediaType?: unknown;
  digest?: unknown;
  size?: unknown;
}

export class OciSource {
  private readonly client = new OciRegistryClient();
  private readonly tagLists = new Map<string, { expires: number; tags: Promise<string[]> }>();

  async resolve(
    context: OperationContext,
    access: ChartRepoAccess,
    chart: string,
    targetRevision: string,
  ): Promise<{ version: string; digest?: string }> {
    const target = this.target(access, chart);
    // An exact version is looked up directly, as Argo CD does without listing
    // tags (some registries refuse listing); the manifest also gives the digest.
    if (isExactVersion(targetRevision)) {
      const layer = await this.manifestLayer(context, target, targetRevision.trim()).catch((error: unknown) => {
        if (error instanceof ChartError && error.code === 'VERSION_NOT_FOUND') return undefined;
        throw error;
      });
      if (layer) return { version: targetRevision.trim(), digest: layer.digest };
    }
    const versions = (await this.cachedTags(context, target)).map(tagToVersion);
    const version = selectChartVersion(targetRevision, versions);
    if (version === undefined) {
      throw chartError(
        'VERSION_NOT_FOUND',
        target.location,
        `no tag matches "${targetRevision}" (newest: ${highestVersions(versions, 5).join(', ') || 'none'})`,
        'change targetRevision',
      );
    }
    return { version };
  }

  async download(
    context: OperationContext,
    access: ChartRepoAccess,
    chart: string,
    version: string,
  ): Promise<DownloadedChart> {
    const target = this.target(access, chart);
    const layer = await this.manifestLayer(context, target, version);
    const expected = layer.digest.slice('sha256:'.length);
    if (layer.size > context.limits.maxChartBytes) {
      throw chartError(
        'TOO_LARGE',
        target.location,
        `the chart layer is larger than ${context.limits.maxChartBytes} bytes`,
      );
    }
    const blob = await this.client.get(context, target, `/blobs/${layer.digest}`, {
      what: `the chart layer of version ${version}`,
      maxBytes: context.limits.maxChartBytes,
    });
    const digest = sha256Hex(blob.body);
    if (digest !== expected) {
      throw chartError(
        'FAILED',
        target.location,
        `the chart layer of version ${version} has digest sha256:${digest}, the manifest says ${layer.digest}`,
        'the registry is inconsistent or the download was tampered with',
      );
    }
    return { archive: blob.body, digest: layer.digest };
  }

  private async manifestLayer(
    context: OperationContext,
    target: OciTarget,
    version: string,
  ): Promise<{ digest: string; size: number }> {
    const tag = versionToTag(version);
    const answer = await this.client.get(context, target, `/manifests/${encodeURIComponent(tag)}`, {
      what: `the manifest of version ${version}`,
      maxBytes: maxManifestBytes,
      accept: manifestMediaType,
      notFound: () =>
        chartError('VERSION_NOT_FOUND', target.location, `there is no tag ${tag}`, 'change targetRevision'),
    });
    return this.chartLayer(answer.body, target.location, version);
  }

  /** The tag list, reused for indexCacheMs like a Helm repository's index. */
  private cachedTags(context: OperationContext, target: OciTarget): Promise<string[]> {
    const key = `${target.repository.registry}/${target.name}\n${credentialIdentity(target.access)}`;
    const now = Date.now();
    const cached = this.tagLists.get(key);
    if (cached && cached.expires > now) return cached.tags;
    const tags = this.tags(context, target);
    this.tagLists.set(key, { expires: now + context.limits.indexCacheMs, tags });
    tags.catch(() => this.tagLists.delete(key));
    return tags;
  }

  private target(access: ChartRepoAccess, chart: string): OciTarget {
    const location = { url: access.url, chart };
    const repository = parseOciUrl(access.url);
    if (!repository) {
      throw chartError(
        'FAILED',
        location,
        'the repository URL is not a valid OCI reference',
        'use registry/path or oci://registry/path',
      );
    }
    const scheme = isLoopbackHost(repository.registry) ? 'http' : 'https';
    return {
      access,
      location,
      repository,
      name: ociRepositoryName(repository, chart),
      origin: `${scheme}://${repository.registry}`,
    };
  }

  private async tags(context: OperationContext, target: OciTarget): Promise<string[]> {
    const tags: string[] = [];
    let path: string | undefined = `/tags/list?n=1000`;
    for (let page = 0; path !== undefined && page < maxTagPages; page += 1) {
      const answer = await this.client.get(context, target, path, {
        what: 'the tag list',
        maxBytes: context.limits.maxIndexBytes,
        notFound: () =>
          chartError(
            'NOT_FOUND',
            target.location,
            'the registry has no such repository',
            'check the repository URL and chart name',
          ),
      });
      let body: { tags?: unknown };
      try {
        body = JSON.parse(answer.body.toString('utf8')) as { tags?: unknown };
      } catch {
        throw chartError(
          'FAILED',
          target.location,
          'the tag list is not JSON',
          'check that the URL points at an OCI registry',
        );
      }
      if (Array.isArray(body.tags)) tags.push(...body.tags.filter((tag): tag is string => typeof tag === 'string'));
      const next = nextLink(answer.headers.get('link'));
      if (next === undefined) break;
      const nextUrl = new URL(next, answer.url);
      const prefix = `/v2/${target.name}`;
      path =
        nextUrl.origin === target.origin && nextUrl.pathname.startsWith(prefix)
          ? `${nextUrl.pathname.slice(prefix.length)}${nextUrl.search}`
          : undefined;
    }
    return tags;
  }

  private chartLayer(manifest: Buffer, location: ChartLocation, version: string): { digest: string; size: number } {
    let layers: ManifestLayer[] = [];
    try {
      const parsed = JSON.parse(manifest.toString('utf8')) as { layers?: unknown };
      if (Array.isArray(parsed.layers)) layers = parsed.layers as ManifestLayer[];
    } catch {
      throw chartError('FAILED', location, `the manifest of version ${version} is not JSON`);
    }
    const layer = layers.find((candidate) => candidate.mediaType === helmChartLayerMediaType);
    if (!layer || typeof layer.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(layer.digest)) {
      throw chartError(
        'FAILED',
        location,
        `version ${version} is not a Helm chart (no ${helmChartLayerMediaType} layer with a sha256 digest)`,
      );
    }
    return { digest: layer.digest, size: typeof layer.size === 'number' ? layer.size : 0 };
  }
}
