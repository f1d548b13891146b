import { normalizeSourcePath } from './source-path';

describe('normalizeSourcePath', () => {
  it.each([
    [undefined, '.'],
    ['', '.'],
    ['.', '.'],
    ['apps/web/', 'apps/web'],
    ['./apps//web', 'apps/web'],
    ['apps/../common', 'common'],
  ])('%j → %s', (path, expected) => {
    expect(normalizeSourcePath(path)).toBe(expected);
  });

  it.each([
    ['../other', 'leaves the repository root'],
    ['apps/../../x', 'leaves the repository root'],
    ['/etc', 'is absolute'],
  ])('refuses %s', (path, reason) => {
    expect(() => normalizeSourcePath(path)).toThrow(reason);
  });
});
