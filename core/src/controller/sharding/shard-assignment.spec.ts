import { assignShards, sortMembers } from './shard-assignment';

const servers = (count: number) => Array.from({ length: count }, (_, index) => `https://cluster-${index}.example.com`);

function countByMember(owners: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const member of owners.values()) counts.set(member, (counts.get(member) ?? 0) + 1);
  return counts;
}

describe('assignShards', () => {
  it('gives every cluster exactly one member, the same answer whatever the input order', () => {
    const clusters = servers(50);
    const first = assignShards(['b', 'a', 'c'], clusters).owners;
    const second = assignShards(['c', 'a', 'b', 'a'], [...clusters].reverse()).owners;
    expect(first.size).toBe(50);
    expect(new Map([...second].sort())).toEqual(new Map([...first].sort()));
  });

  it('assigns nothing without members', () => {
    expect(assignShards([], servers(3)).owners.size).toBe(0);
  });

  it('spreads clusters evenly', () => {
    const members = ['controller-0', 'controller-1', 'controller-2', 'controller-3'];
    const counts = countByMember(assignShards(members, servers(4000)).owners);
    for (const member of members) {
      // Expected 1000 each; a binomial standard deviation is ~27, so ±10 % is > 3σ.
      expect(counts.get(member)).toBeGreaterThan(900);
      expect(counts.get(member)).toBeLessThan(1100);
    }
  });

  it('moves only the clusters the new member wins when a member joins', () => {
    const clusters = servers(3000);
    const before = assignShards(['a', 'b', 'c'], clusters).owners;
    const after = assignShards(['a', 'b', 'c', 'd'], clusters).owners;
    let moved = 0;
    for (const server of clusters) {
      if (before.get(server) === after.get(server)) continue;
      moved++;
      expect(after.get(server)).toBe('d');
    }
    // ~1/4 of the clusters move, all to the newcomer.
    expect(moved / clusters.length).toBeGreaterThan(0.2);
    expect(moved / clusters.length).toBeLessThan(0.3);
  });

  it('moves only the leaving member’s clusters when a member leaves', () => {
    const clusters = servers(3000);
    const before = assignShards(['a', 'b', 'c'], clusters).owners;
    const after = assignShards(['a', 'c'], clusters).owners;
    for (const server of clusters) {
      if (before.get(server) !== 'b') expect(after.get(server)).toBe(before.get(server));
      else expect(['a', 'c']).toContain(after.get(server));
    }
  });

  it('honours a pinned shard as an index into natural member order', () => {
    const members = ['controller-10', 'controller-2', 'controller-0'];
    const { owners, problems } = assignShards(members, [
      { server: 'https://a', pinnedShard: 0 },
      { server: 'https://b', pinnedShard: 1 },
      { server: 'https://c', pinnedShard: 2 },
    ]);
    expect(Object.fromEntries(owners)).toEqual({
      'https://a': 'controller-0',
      'https://b': 'controller-2',
      'https://c': 'controller-10',
    });
    expect(problems).toEqual([]);
  });

  it('hashes a cluster pinned past the live members and says so', () => {
    const { owners, problems } = assignShards(['a', 'b'], [{ server: 'https://x', pinnedShard: 5 }]);
    expect(owners.get('https://x')).toBe(assignShards(['a', 'b'], ['https://x']).owners.get('https://x'));
    expect(problems).toEqual([
      'cluster https://x is pinned to shard 5, but only 2 controller replica(s) are live — assigned by hash instead',
    ]);
  });
});

describe('sortMembers', () => {
  it('orders digit runs as numbers and drops duplicates', () => {
    expect(sortMembers(['c-10', 'c-9', 'c-1', 'b', 'c-09', 'c-1'])).toEqual(['b', 'c-1', 'c-09', 'c-9', 'c-10']);
  });
});
