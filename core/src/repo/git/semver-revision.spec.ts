import { selectSemverTag, semverRange, tagVersion } from './semver-revision';

const tags = ['v1.0.0', 'v1.2.0', 'v1.2.5', '1.3.0', 'v2.0.0-rc.1', 'v2.0.0', 'v3', 'release-4', 'latest', 'v1.2'];

describe('semver revisions (Argo CD / Masterminds semantics)', () => {
  it.each([
    ['1.2.*', 'v1.2.5'],
    ['>=1.0 <2', '1.3.0'],
    ['>= 1.0, < 1.2.5', 'v1.2.0'],
    ['v1.x', '1.3.0'],
    ['~1.2', 'v1.2.5'],
    ['^1.0.0', '1.3.0'],
    ['*', 'v3'],
    ['>=2.0.0-rc.0 <2.0.0', 'v2.0.0-rc.1'],
    ['1.x || 2.x', 'v2.0.0'],
    ['>=9', undefined],
    ['main', undefined],
    ['release-4', undefined],
  ])('%j → %s', (constraint, expected) => {
    expect(selectSemverTag(tags, constraint)).toBe(expected);
  });

  it('excludes prereleases unless the range names one', () => {
    expect(selectSemverTag(['v2.0.0-rc.1', 'v1.9.0'], '>=1')).toBe('v1.9.0');
  });

  it('reads tags leniently', () => {
    expect(tagVersion('v1')?.version).toBe('1.0.0');
    expect(tagVersion('1.2')?.version).toBe('1.2.0');
    expect(tagVersion('v1.2.3-rc.1+build.5')?.version).toBe('1.2.3-rc.1');
    expect(tagVersion('release-1')).toBeUndefined();
  });

  it('knows which strings are ranges', () => {
    expect(semverRange('>= 1.0, < 2')).toBe('>=1.0.0 <2.0.0-0');
    expect(semverRange('feature/x')).toBeUndefined();
  });
});
