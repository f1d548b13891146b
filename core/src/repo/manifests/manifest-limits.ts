// Caps on what one render may produce, and the checks every rendered object
// must pass before anything downstream sees it. Pure.
import { type KubeObject } from '@driftless/plugin-sdk';

export interface ManifestLimits {
  maxManifests: number;
  /** Total size of the manifests as JSON. */
  maxBytes: number;
}

export const defaultManifestLimits: ManifestLimits = { maxManifests: 10_000, maxBytes: 64 * 1024 * 1024 };

export class ManifestLimitError extends Error {}

/** Throws naming the first problem; returns the JSON size. */
export function checkManifests(manifests: readonly KubeObject[], limits: ManifestLimits): number {
  if (manifests.length > limits.maxManifests)
    throw new ManifestLimitError(
      `rendered ${manifests.length} manifests, more than the limit of ${limits.maxManifests} (DRIFTLESS_MAX_MANIFESTS)`,
    );
  let bytes = 0;
  manifests.forEach((object, index) => {
    const name = object.metadata.name;
    const generateName = object.metadata['generateName'];
    if (!object.apiVersion || !object.kind) throw new ManifestLimitError(`manifest ${index} has no apiVersion or kind`);
    if ((typeof name !== 'string' || name === '') && typeof generateName !== 'string')
      throw new ManifestLimitError(`manifest ${index} (${object.kind}) has no metadata.name`);
    bytes += JSON.stringify(object).length;
    if (bytes > limits.maxBytes)
      throw new ManifestLimitError(
        `rendered manifests are larger than the limit of ${limits.maxBytes} bytes (DRIFTLESS_MAX_MANIFEST_BYTES)`,
      );
  });
  return bytes;
}
