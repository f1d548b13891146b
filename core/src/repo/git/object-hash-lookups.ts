// Object hashes for content-keyed caching, shared: what a path names in a
// commit never changes, so answers are remembered (bounded), and concurrent
// questions about one commit of one mirror become one git call. Without this,
// a thousand apps asking about a new commit spawn a thousand `git cat-file`s.

export type HashLookup = (paths: string[]) => Promise<Record<string, string | null>>;

/** Per (mirror, commit): the lookup running now and the paths waiting for the next one. */
interface Lane {
  running: Promise<unknown> | undefined;
  queued: Set<string>;
  next: Promise<void> | undefined;
}

export class ObjectHashLookups {
  private readonly known = new Map<string, string | null>();
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly maxEntries = 100_000) {}

  /**
   * The hashes of `paths` in `commit` of the mirror `scope`; paths not yet
   * known are looked up (see `join`).
   */
  async hashes(
    scope: string,
    commit: string,
    paths: readonly string[],
    lookup: HashLookup,
  ): Promise<Record<string, string | null>> {
    const prefix = `${scope}\0${commit}\0`;
    const missing = paths.filter((path) => !this.known.has(prefix + path));
    if (missing.length) await this.join(prefix, missing, lookup);
    const result: Record<string, string | null> = {};
    for (const path of paths) {
      const hash = this.known.get(prefix + path);
      // Evicted between the batch and here (only under extreme churn): ask again, alone.
      if (hash === undefined) return this.lookupAndRemember(prefix, [...paths], lookup);
      result[path] = hash;
    }
    return result;
  }

  /**
   * One lookup at a time per (mirror, commit): the first question runs at
   * once; questions arriving while it runs wait together for one more, so a
   * burst of N apps costs a handful of git calls, not N, with no added delay.
   */
  private async join(prefix: string, paths: readonly string[], lookup: HashLookup): Promise<void> {
    let lane = this.lanes.get(prefix);
    if (!lane) {
      lane = { running: undefined, queued: new Set(), next: undefined };
      this.lanes.set(prefix, lane);
    }
    for (const path of paths) lane.queued.add(path);
    const current = lane;
    current.next ??= (current.running ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        const wanted = [...current.queued];
        current.queued = new Set();
        current.next = undefined;
        const running = this.lookupAndRemember(prefix, wanted, lookup);
        current.running = running;
        try {
          await running;
        } finally {
          if (current.running === running) current.running = undefined;
          if (!current.running && !current.next && this.lanes.get(prefix) === current) this.lanes.delete(prefix);
        }
      });
    await current.next;
  }

  private async lookupAndRemember(
    prefix: string,
    paths: string[],
    lookup: HashLookup,
  ): Promise<Record<string, string | null>> {
    const answers = await lookup(paths);
    for (const path of paths) this.remember(prefix + path, answers[path] ?? null);
    return answers;
  }

  private remember(key: string, hash: string | null): void {
    this.known.delete(key);
    this.known.set(key, hash);
    while (this.known.size > this.maxEntries) {
      const oldest = this.known.keys().next().value;
      if (oldest === undefined) break;
      this.known.delete(oldest);
    }
  }
}
