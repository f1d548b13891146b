import { ObjectHashLookups } from './object-hash-lookups';

describe('ObjectHashLookups', () => {
  const recordingLookup = () => {
    const calls: string[][] = [];
    const lookup = (paths: string[]) => {
      calls.push([...paths].sort());
      return Promise.resolve(
        Object.fromEntries(paths.map((path) => [path, path === 'gone' ? null : `hash-of-${path}`])),
      );
    };
    return { calls, lookup };
  };

  it('answers concurrent questions about one commit with one lookup for all their paths', async () => {
    const lookups = new ObjectHashLookups();
    const { calls, lookup } = recordingLookup();
    const answers = await Promise.all([
      lookups.hashes('mirror', 'c1', ['apps/a'], lookup),
      lookups.hashes('mirror', 'c1', ['apps/b', 'gone'], lookup),
      lookups.hashes('mirror', 'c1', ['apps/a'], lookup),
    ]);
    expect(calls).toEqual([['apps/a', 'apps/b', 'gone']]);
    expect(answers).toEqual([
      { 'apps/a': 'hash-of-apps/a' },
      { 'apps/b': 'hash-of-apps/b', gone: null },
      { 'apps/a': 'hash-of-apps/a' },
    ]);
  });

  it('remembers answers (null included) and asks only for what it does not know', async () => {
    const lookups = new ObjectHashLookups();
    const { calls, lookup } = recordingLookup();
    await lookups.hashes('mirror', 'c1', ['apps/a', 'gone'], lookup);
    expect(await lookups.hashes('mirror', 'c1', ['gone', 'apps/a', 'apps/c'], lookup)).toEqual({
      gone: null,
      'apps/a': 'hash-of-apps/a',
      'apps/c': 'hash-of-apps/c',
    });
    expect(calls).toEqual([['apps/a', 'gone'], ['apps/c']]);
  });

  it('keeps commits and mirrors apart', async () => {
    const lookups = new ObjectHashLookups();
    const { calls, lookup } = recordingLookup();
    await Promise.all([
      lookups.hashes('mirror', 'c1', ['x'], lookup),
      lookups.hashes('mirror', 'c2', ['x'], lookup),
      lookups.hashes('other', 'c1', ['x'], lookup),
    ]);
    expect(calls).toEqual([['x'], ['x'], ['x']]);
  });

  it('fails every waiter of a failed batch and remembers nothing from it', async () => {
    const lookups = new ObjectHashLookups();
    const failing = () => Promise.reject(new Error('git cat-file failed'));
    const results = await Promise.allSettled([
      lookups.hashes('mirror', 'c1', ['a'], failing),
      lookups.hashes('mirror', 'c1', ['b'], failing),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    const { calls, lookup } = recordingLookup();
    await lookups.hashes('mirror', 'c1', ['a'], lookup);
    expect(calls).toEqual([['a']]);
  });

  it('holds at most maxEntries answers, dropping the oldest', async () => {
    const lookups = new ObjectHashLookups(2);
    const { calls, lookup } = recordingLookup();
    await lookups.hashes('m', 'c', ['a'], lookup);
    await lookups.hashes('m', 'c', ['b'], lookup);
    await lookups.hashes('m', 'c', ['c'], lookup);
    await lookups.hashes('m', 'c', ['c', 'b'], lookup);
    await lookups.hashes('m', 'c', ['a'], lookup);
    expect(calls).toEqual([['a'], ['b'], ['c'], ['a']]);
  });
});
