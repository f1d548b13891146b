// A memo table for answers that depend only on a compiled project and a small key (group/kind,
// cluster/namespace, repository URL). Keys come from manifests and the cluster, so the table is
// bounded: when full it starts again rather than growing with a namespace-per-PR cluster.

const DEFAULT_LIMIT = 10_000;

export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  get(key: string, compute: () => V): V {
    const cached = this.entries.get(key);
    if (cached !== undefined || this.entries.has(key)) return cached as V;
    const value = compute();
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}
