// Kubernetes calls resourceVersions opaque, and a client may compare them
// only for equality. Every API server (etcd's revisions, kube-sim's counter)
// writes them as integers that grow, though, and a cache that mixes watch
// events with the answers of its own writes needs to tell which copy is
// newer: a watch event sent before a patch can arrive after the patch's
// answer. When both are integers the larger is newer; otherwise nothing is
// known, and the caller keeps the usual "last one wins".

/** Whether `candidate` is known to be older than `current`. */
export function isOlderVersion(candidate: string | undefined, current: string | undefined): boolean {
  if (candidate === undefined || current === undefined) return false;
  if (!/^\d+$/.test(candidate) || !/^\d+$/.test(current)) return false;
  return BigInt(candidate) < BigInt(current);
}
