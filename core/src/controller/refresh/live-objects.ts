// The live side of one app's comparison. Gathering is cheap and synchronous
// (cache lookups: what the app tracks, plus untracked objects that match a
// desired manifest — they will be adopted at sync, or belong to another app);
// loading the full objects (parsing tracked JSON, reading untracked ones from
// the API server) happens only when a comparison or health check needs them.
import { cacheKey, keyOf, type CachedObject, type LiveObject } from '../live-state/cached-object';
import { type ClusterCache } from '../live-state/cluster-cache';

export interface LoadedLive {
  /** The gathered objects that still exist. */
  cached: CachedObject[];
  objects: Map<string, LiveObject>;
}

export function groupOf(apiVersion: string | undefined): string {
  const slash = (apiVersion ?? '').indexOf('/');
  return slash < 0 ? '' : (apiVersion ?? '').slice(0, slash);
}

export function gatherLive(
  cache: ClusterCache,
  instance: string,
  desired: readonly LiveObject[],
  destinationNamespace: string,
): CachedObject[] {
  const gathered = new Map<string, CachedObject>();
  for (const object of cache.managedBy(instance)) gathered.set(keyOf(object), object);
  for (const manifest of desired) {
    const group = groupOf(manifest.apiVersion);
    const kind = manifest.kind ?? '';
    const name = manifest.metadata?.name ?? '';
    const namespace =
      cache.isNamespaced(group, kind) === false ? '' : manifest.metadata?.namespace || destinationNamespace;
    const key = cacheKey(group, kind, namespace, name);
    if (gathered.has(key)) continue;
    const found = cache.get(group, kind, namespace, name);
    if (found) gathered.set(key, found);
  }
  return [...gathered.values()];
}

export async function loadLive(cache: ClusterCache, gathered: readonly CachedObject[]): Promise<LoadedLive> {
  const objects = new Map<string, LiveObject>();
  await Promise.all(
    gathered.map(async (object) => {
      const full = await cache.fullObject(object);
      if (full) objects.set(keyOf(object), full);
    }),
  );
  return { cached: gathered.filter((object) => objects.has(keyOf(object))), objects };
}
