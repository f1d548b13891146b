// Fetches a plugin package tarball and pins it: from a registry the integrity
// comes from the registry's metadata and is checked; for a file or URL it is
// checked when the admin gave one, and recorded either way.
import { readFile } from 'node:fs/promises';
import { maxSatisfying } from 'semver';
import { PluginError } from '@driftless/plugin-sdk';
import { sha512Integrity, verifyIntegrity } from './integrity';
import { type PackageSpec } from './package-spec';

export interface FetchedPackage {
  tarball: Buffer;
  integrity: string;
  /** Where it came from, for the record (registry tarball URL, file path, URL). */
  resolved: string;
}

export interface FetchOptions {
  registry: string;
  /** Pinned integrity the package must have. */
  integrity?: string;
  maxBytes?: number;
  timeoutMs?: number;
}

interface Packument {
  versions?: Record<string, { dist?: { tarball?: string; integrity?: string } }>;
}

export async function fetchPackage(spec: PackageSpec, options: FetchOptions): Promise<FetchedPackage> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  let fetched: FetchedPackage;
  switch (spec.kind) {
    case 'file': {
      const tarball = await readFile(spec.path).catch((error: NodeJS.ErrnoException) => {
        throw new PluginError('PLUGIN_NOT_FOUND', `cannot read ${spec.path}: ${error.code ?? error.message}`);
      });
      fetched = { tarball, integrity: sha512Integrity(tarball), resolved: spec.path };
      break;
    }
    case 'url': {
      if (!spec.url.startsWith('https://') && !isLoopbackUrl(spec.url)) {
        throw new PluginError('PLUGIN_CAPABILITY_DENIED', `plugins are fetched over https only, not ${spec.url}`);
      }
      const tarball = await download(spec.url, maxBytes, options.timeoutMs);
      fetched = { tarball, integrity: sha512Integrity(tarball), resolved: spec.url };
      break;
    }
    case 'registry': {
      const registry = options.registry.replace(/\/+$/, '');
      const packument = JSON.parse(
        (await download(`${registry}/${spec.name.replace('/', '%2f')}`, 16 * 1024 * 1024, options.timeoutMs)).toString(
          'utf8',
        ),
      ) as Packument;
      const versions = Object.keys(packument.versions ?? {});
      const version = maxSatisfying(versions, spec.range);
      if (!version) {
        throw new PluginError(
          'PLUGIN_NOT_FOUND',
          `${spec.name} has no version matching ${spec.range} on ${registry} (has ${versions.join(', ') || 'none'})`,
        );
      }
      const dist = packument.versions?.[version]?.dist;
      if (!dist?.tarball || !dist.integrity) {
        throw new PluginError(
          'PLUGIN_INTEGRITY_MISMATCH',
          `${spec.name}@${version} on ${registry} has no tarball or integrity to pin`,
        );
      }
      const tarball = await download(dist.tarball, maxBytes, options.timeoutMs);
      const integrity = verifyIntegrity(tarball, dist.integrity, `${spec.name}@${version} from ${registry}`);
      fetched = { tarball, integrity, resolved: dist.tarball };
      break;
    }
  }
  if (options.integrity) verifyIntegrity(fetched.tarball, options.integrity, fetched.resolved);
  return fetched;
}

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

async function download(url: string, maxBytes: number, timeoutMs = 60_000): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    throw new PluginError(
      'PLUGIN_NOT_FOUND',
      `cannot fetch ${url}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!response.ok || !response.body)
    throw new PluginError('PLUGIN_NOT_FOUND', `${url} answered HTTP ${response.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Uint8Array).length;
    if (size > maxBytes) throw new PluginError('PLUGIN_UNSAFE_ARCHIVE', `${url} is larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}
