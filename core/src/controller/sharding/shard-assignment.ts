// Which controller replica reconciles which destination cluster. Rendezvous
// (highest-random-weight) hashing: each cluster goes to the member with the
// highest hash of (member, server). Every replica that sees the same members
// and clusters computes the same answer without talking to the others, and a
// member joining or leaving moves only the clusters it wins or held (~1/n).
import { createHash } from 'node:crypto';

export interface ShardCluster {
  /** The destination's server URL, the cluster's identity. */
  server: string;
  /**
   * Argo CD's `shard` field of a cluster Secret: the index of the replica that
   * must reconcile it. Here: the index in `sortMembers` order.
   */
  pinnedShard?: number;
}

export interface ShardAssignment {
  /** server → member id; empty when there are no members. */
  owners: Map<string, string>;
  /** Pins that could not be honoured, one line each (the cluster is hashed instead). */
  problems: string[];
}

/**
 * Member ids in the order pinned shards index into: natural order, so pod
 * names `controller-2` < `controller-10` line up with StatefulSet ordinals as
 * Argo CD's replica indexes do.
 */
export function sortMembers(members: Iterable<string>): string[] {
  return [...new Set(members)].sort(compareNatural);
}

export function assignShards(members: Iterable<string>, clusters: Iterable<string | ShardCluster>): ShardAssignment {
  const sorted = sortMembers(members);
  const owners = new Map<string, string>();
  const problems: string[] = [];
  if (sorted.length === 0) return { owners, problems };
  for (const entry of clusters) {
    const cluster = typeof entry === 'string' ? { server: entry } : entry;
    const pinned = cluster.pinnedShard;
    if (pinned !== undefined) {
      const member = Number.isInteger(pinned) && pinned >= 0 ? sorted[pinned] : undefined;
      if (member !== undefined) {
        owners.set(cluster.server, member);
        continue;
      }
      // Argo CD logs "assigning automatically" here (and then uses shard 0); hashing spreads them instead.
      problems.push(
        `cluster ${cluster.server} is pinned to shard ${pinned}, but only ${sorted.length} controller replica(s) are live — assigned by hash instead`,
      );
    }
    owners.set(cluster.server, highestWeightMember(sorted, cluster.server));
  }
  return { owners, problems };
}

function highestWeightMember(sorted: readonly string[], server: string): string {
  let best = sorted[0] as string;
  let bestWeight = -1n;
  for (const member of sorted) {
    const weight = rendezvousWeight(member, server);
    // Ties (a 64-bit collision) go to the first member in sorted order, the same on every replica.
    if (weight > bestWeight) {
      best = member;
      bestWeight = weight;
    }
  }
  return best;
}

/** A uniform 64-bit weight of (member, server); sha256 so no replica's runtime can hash differently. */
export function rendezvousWeight(member: string, server: string): bigint {
  return createHash('sha256').update(member).update('\0').update(server).digest().readBigUInt64BE(0);
}

function compareNatural(left: string, right: string): number {
  const leftParts = left.match(/\d+|\D+/g) ?? [];
  const rightParts = right.match(/\d+|\D+/g) ?? [];
  for (let index = 0; index < Math.min(leftParts.length, rightParts.length); index++) {
    const a = leftParts[index] as string;
    const b = rightParts[index] as string;
    if (a === b) continue;
    if (/^\d/.test(a) && /^\d/.test(b)) {
      const byNumber = compareDigits(a, b);
      if (byNumber !== 0) return byNumber;
    }
    return a < b ? -1 : 1;
  }
  if (leftParts.length !== rightParts.length) return leftParts.length - rightParts.length;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Compares digit runs as numbers of any length. */
function compareDigits(a: string, b: string): number {
  const left = a.replace(/^0+(?=\d)/, '');
  const right = b.replace(/^0+(?=\d)/, '');
  if (left.length !== right.length) return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}
