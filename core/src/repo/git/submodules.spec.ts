import { isSafeTreePath, parseGitlinks, parseGitmodules, submoduleEntries } from './submodules';

const sha = 'e'.repeat(40);

describe('submodules', () => {
  it('pairs .gitmodules entries with the commit’s gitlinks', () => {
    const config = [
      'submodule.vendor/lib.path\nvendor/lib',
      'submodule.vendor/lib.url\n../lib.git',
      'submodule.a.b.path\nother',
      'submodule.a.b.url\nhttps://h/other.git',
      'submodule.escape.path\n../outside',
      'submodule.escape.url\nhttps://h/x.git',
      '',
    ].join('\0');
    const tree = [
      `160000 commit ${sha}\tvendor/lib`,
      `100644 blob ${sha}\tother`,
      `160000 commit ${sha}\t../outside`,
    ].join('\0');
    expect(submoduleEntries(parseGitmodules(config), parseGitlinks(tree))).toEqual([
      { path: 'vendor/lib', url: '../lib.git', commit: sha },
    ]);
  });

  it.each([
    ['a/b', true],
    ['', false],
    ['/abs', false],
    ['a/../b', false],
    ['a//b', false],
  ])('isSafeTreePath(%j) = %s', (path, safe) => {
    expect(isSafeTreePath(path)).toBe(safe);
  });
});
