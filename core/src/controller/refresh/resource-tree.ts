// The resource tree below an app's live objects, through ownerReferences, as
// the cluster cache indexes it: what `summary.images` is collected from.
import { type CachedObject } from '../live-state/cached-object';
import { type ClusterCache } from '../live-state/cluster-cache';

/** Every object owned, directly or not, by the given roots (roots included). */
export function descendants(cache: ClusterCache, roots: readonly CachedObject[]): CachedObject[] {
  const seen = new Set<string>();
  const result: CachedObject[] = [];
  const queue = [...roots];
  while (queue.length > 0) {
    const object = queue.shift() as CachedObject;
    if (!object.uid || seen.has(object.uid)) continue;
    seen.add(object.uid);
    result.push(object);
    queue.push(...cache.childrenOf(object.uid));
  }
  return result;
}

/** Container images of the pods in the tree, sorted and unique (Argo CD's summary.images). */
export function collectImages(cache: ClusterCache, roots: readonly CachedObject[]): string[] {
  const images = new Set<string>();
  for (const object of descendants(cache, roots)) for (const image of object.images ?? []) images.add(image);
  return [...images].sort();
}
