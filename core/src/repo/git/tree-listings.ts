// Whole-tree listings of recent commits: every path of a commit with its
// object hash, read with one `git ls-tree -r -t` and kept for the few most
// recent commits of each mirror. A monorepo commit is asked about by every app
// in it (its own path, then the files its render read); one listing answers
// them all from memory. Trees larger than `maxEntries` are not listed — the
// caller asks git per batch of paths instead (object-hash-lookups.ts).
import { normalizeTreePath } from './object-hashes';

/** The listing, or undefined when the tree is too large to list. */
export type ListTree = (maxBytes: number) => Promise<Map<string, string> | undefined>;

export interface TreeListingsOptions {
  /** Listings kept (most recently used first out last). */
  maxCommits?: number;
  /** Largest tree listed, in entries (paths); bigger trees answer `undefined`. */
  maxEntries?: number;
}

export class TreeListings {
  private readonly listings = new Map<string, Promise<Map<string, string> | undefined>>();
  private readonly maxCommits: number;
  readonly maxEntries: number;

  constructor(options: TreeListingsOptions = {}) {
    this.maxCommits = options.maxCommits ?? 8;
    this.maxEntries = options.maxEntries ?? 200_000;
  }

  /**
   * The hashes of `paths` (null: no such path, or not a tree path) in
   * `commit`, or undefined when the tree is too large to list.
   */
  async hashes(
    scope: string,
    commit: string,
    paths: readonly string[],
    list: ListTree,
  ): Promise<Record<string, string | null> | undefined> {
    const listing = await this.listing(`${scope}\0${commit}`, list);
    if (!listing) return undefined;
    const result: Record<string, string | null> = {};
    for (const path of paths) {
      const clean = normalizeTreePath(path);
      result[path] = clean === undefined ? null : (listing.get(clean) ?? null);
    }
    return result;
  }

  private listing(key: string, list: ListTree): Promise<Map<string, string> | undefined> {
    let listing = this.listings.get(key);
    if (listing) {
      // Most recently used last, so the oldest is dropped first.
      this.listings.delete(key);
      this.listings.set(key, listing);
      return listing;
    }
    // ~100 bytes per entry in `ls-tree -z` output; a bigger answer is cut off by the runner.
    listing = list(this.maxEntries * 128).then((entries) =>
      entries && entries.size <= this.maxEntries ? entries : undefined,
    );
    this.listings.set(key, listing);
    // A failed listing is not remembered: the next question tries again.
    listing.catch(() => this.listings.get(key) === listing && this.listings.delete(key));
    while (this.listings.size > this.maxCommits) {
      const oldest = this.listings.keys().next().value;
      if (oldest === undefined) break;
      this.listings.delete(oldest);
    }
    return listing;
  }
}
