import { TreeListings } from './tree-listings';

describe('TreeListings', () => {
  const tree = new Map([
    ['', 'root'],
    ['apps', 't-apps'],
    ['apps/web', 't-web'],
    ['apps/web/deploy.yaml', 'b-deploy'],
  ]);
  const counting = (answer: Map<string, string> | undefined = tree) => {
    const calls: number[] = [];
    const list = (maxBytes: number) => {
      calls.push(maxBytes);
      return Promise.resolve(answer);
    };
    return { calls, list };
  };

  it('answers every path of a commit from one listing, normalising paths as git names them', async () => {
    const listings = new TreeListings();
    const { calls, list } = counting();
    const [first, second] = await Promise.all([
      listings.hashes('m', 'c1', ['apps/web', './apps/web/', '.'], list),
      listings.hashes('m', 'c1', ['apps/web/deploy.yaml', 'apps/missing', '../escape'], list),
    ]);
    expect(first).toEqual({ 'apps/web': 't-web', './apps/web/': 't-web', '.': 'root' });
    expect(second).toEqual({ 'apps/web/deploy.yaml': 'b-deploy', 'apps/missing': null, '../escape': null });
    expect(calls).toHaveLength(1);
  });

  it('answers undefined for a tree over maxEntries (or one the lister calls too large), and remembers that', async () => {
    const listings = new TreeListings({ maxEntries: 3 });
    const big = counting();
    expect(await listings.hashes('m', 'c1', ['apps'], big.list)).toBeUndefined();
    expect(await listings.hashes('m', 'c1', ['apps'], big.list)).toBeUndefined();
    expect(big.calls).toEqual([3 * 128]);
    const refused = counting(undefined);
    expect(await listings.hashes('m', 'c2', ['apps'], refused.list)).toBeUndefined();
  });

  it('keeps the most recently used commits only, and forgets failed listings', async () => {
    const listings = new TreeListings({ maxCommits: 2 });
    const { calls, list } = counting();
    await listings.hashes('m', 'c1', ['apps'], list);
    await listings.hashes('m', 'c2', ['apps'], list);
    await listings.hashes('m', 'c1', ['apps'], list);
    await listings.hashes('m', 'c3', ['apps'], list); // drops c2, the least recently used
    await listings.hashes('m', 'c1', ['apps'], list);
    await listings.hashes('m', 'c2', ['apps'], list);
    expect(calls).toHaveLength(4);

    const failing = () => Promise.reject(new Error('git ls-tree failed'));
    await expect(listings.hashes('m', 'c9', ['apps'], failing)).rejects.toThrow('git ls-tree failed');
    expect(await listings.hashes('m', 'c9', ['apps'], list)).toEqual({ apps: 't-apps' });
  });
});
