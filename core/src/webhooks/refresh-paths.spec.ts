import { pathPatternMatches } from './path-pattern';
import { filesTouchPaths, refreshPaths } from './refresh-paths';

describe('refreshPaths', () => {
  it('resolves entries against each source path, or from the root with a leading slash', () => {
    expect(refreshPaths('.;../shared;/charts/common', ['apps/guestbook'])).toEqual([
      'apps/guestbook',
      'apps/shared',
      'charts/common',
    ]);
    expect(refreshPaths('.', ['apps/a', 'apps/b', undefined])).toEqual(['apps/a', 'apps/b', '']);
    expect(refreshPaths(' ; ;', ['apps/a'])).toEqual([]);
    expect(refreshPaths(undefined, ['apps/a'])).toEqual([]);
    expect(refreshPaths('/', ['apps/a'])).toEqual(['']);
  });
});

describe('filesTouchPaths', () => {
  const paths = ['apps/guestbook', 'charts/*/values.yaml'];
  it.each([
    [['apps/guestbook/deployment.yaml'], true],
    [['apps/guestbook'], true],
    [['apps/guestbook-v2/deployment.yaml'], false],
    [['/apps/guestbook/x.yaml'], true],
    [['README.md', 'apps/other/x.yaml'], false],
    [['charts/redis/values.yaml'], true],
    [['charts/redis/templates/values.yaml'], false],
    [[], true],
    [undefined, true],
  ])('%j → %s', (files, expected) => {
    expect(filesTouchPaths(paths, files)).toBe(expected);
  });

  it('refreshes apps without the annotation on any change', () => {
    expect(filesTouchPaths([], ['anything'])).toBe(true);
  });

  it('treats the root as containing everything', () => {
    expect(filesTouchPaths([''], ['a/b/c'])).toBe(true);
  });
});

describe('pathPatternMatches (Go filepath.Match)', () => {
  it.each([
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'dir/a.yaml', false],
    ['dir/*', 'dir/a.yaml', true],
    ['dir/?.yaml', 'dir/a.yaml', true],
    ['dir/?.yaml', 'dir/ab.yaml', false],
    ['dir/[a-c].yaml', 'dir/b.yaml', true],
    ['dir/[^a-c].yaml', 'dir/b.yaml', false],
    ['dir/[^a-c].yaml', 'dir/d.yaml', true],
    ['dir/\\*.yaml', 'dir/*.yaml', true],
    ['dir/\\*.yaml', 'dir/a.yaml', false],
    ['dir/[a-', 'dir/a', false],
    ['dir/\\', 'dir/a', false],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
  ])('%j ~ %j → %s', (pattern, path, expected) => {
    expect(pathPatternMatches(pattern, path)).toBe(expected);
  });

  it('stays fast on patterns made to backtrack', () => {
    const started = Date.now();
    expect(pathPatternMatches(`${'*a'.repeat(50)}b`, 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
