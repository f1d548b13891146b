import { compileGlob, globMatch } from './glob';

describe('globMatch (gobwas/glob without separators)', () => {
  it.each([
    ['*', '', true],
    ['*', 'a/b/c', true],
    ['team-a/*', 'team-a/web', true],
    ['team-a/*', 'team-a/ns/web', true],
    ['team-a/*', 'team-a-evil/web', false],
    ['team-a/*', 'team-a', false],
    ['*/guestbook', 'default/guestbook', true],
    ['*/guestbook', 'default/guestbook-2', false],
    ['team-?', 'team-1', true],
    ['team-?', 'team-12', false],
    ['team-?', 'team-é', true],
    ['{get,sync}', 'sync', true],
    ['{get,sync}', 'delete', false],
    ['{a*,b}/x', 'abc/x', true],
    ['[a-c]x', 'bx', true],
    ['[a-c]x', 'dx', false],
    ['[!a-c]x', 'dx', true],
    ['[!a-c]x', 'ax', false],
    ['[xyz]', 'y', true],
    ['a\\*', 'a*', true],
    ['a\\*', 'ab', false],
    ['a.b', 'axb', false],
    ['a+b', 'a+b', true],
    ['(x)|y', '(x)|y', true],
    ['Team', 'team', false],
    ['line', 'line\n', false],
    ['*', 'multi\nline', true],
  ])('%s ~ %j → %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it.each(['[abc', '{a,b', 'a\\', '[]', '[z-a]', 'a}b{'])(
    'malformed %s matches nothing, not even itself',
    (pattern) => {
      expect(compileGlob(pattern)).toBeNull();
      expect(globMatch(pattern, pattern)).toBe(false);
    },
  );
});

describe('compileGlob with a separator', () => {
  it('stops * and ? at the separator, lets ** cross it, and leaves classes alone', () => {
    const repo = compileGlob('https://github.com/org/*', '/');
    expect(repo?.test('https://github.com/org/app')).toBe(true);
    expect(repo?.test('https://github.com/org/group/app')).toBe(false);
    expect(compileGlob('https://github.com/**', '/')?.test('https://github.com/a/b/c')).toBe(true);
    expect(compileGlob('a?b', '/')?.test('a/b')).toBe(false);
    expect(compileGlob('a[/]b', '/')?.test('a/b')).toBe(true);
    expect(compileGlob('a*b')?.test('a/x/b')).toBe(true);
  });
});
