// OCI chart repositories: where the registry is, what a chart is called in
// it, and Helm's tag spelling (OCI tags cannot hold `+`, so Helm writes `_`).

export interface OciRepository {
  /** host[:port] of the registry. */
  registry: string;
  /** The repository path under the registry, without slashes around it ('' for the root). */
  namespace: string;
}

/** Argo CD treats a repoURL without a scheme, or with oci://, as an OCI registry. */
export function isOciUrl(url: string): boolean {
  return url.startsWith('oci://') || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

export function parseOciUrl(url: string): OciRepository | undefined {
  const withoutScheme = url
    .trim()
    .replace(/^oci:\/\//i, '')
    .replace(/\/+$/, '');
  const slash = withoutScheme.indexOf('/');
  const registry = slash === -1 ? withoutScheme : withoutScheme.slice(0, slash);
  const namespace = slash === -1 ? '' : withoutScheme.slice(slash + 1);
  if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(registry) && !/^\[[0-9a-fA-F:]+\](:\d+)?$/.test(registry)) return undefined;
  if (namespace !== '' && !namespace.split('/').every((part) => /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(part))) {
    return undefined;
  }
  return { registry, namespace };
}

export function ociRepositoryName(repository: OciRepository, chart: string): string {
  return repository.namespace === '' ? chart : `${repository.namespace}/${chart}`;
}

export function versionToTag(version: string): string {
  return version.replace(/\+/g, '_');
}

export function tagToVersion(tag: string): string {
  return tag.replace(/_/g, '+');
}

/** Loopback registries (tests, local development) speak plain HTTP, as Docker allows for localhost. */
export function isLoopbackHost(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The `rel="next"` target of a Link header (`</v2/x/tags/list?last=y&n=100>; rel="next"`). */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (match && /rel\s*=\s*"?next"?/i.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}
