import { highestVersions, isExactVersion, parseChartVersion, selectChartVersion } from './chart-version';

const available = [
  '0.9.0',
  '1.0.0',
  '1.2.0',
  '1.2.5',
  '1.10.0',
  '2.0.0-beta.1',
  '2.0.0-rc.2',
  'v3.1.0',
  'not-a-version',
];

describe('selectChartVersion (Argo CD / Masterminds semantics)', () => {
  it.each([
    ['1.2.*', '1.2.5'],
    ['1.x', '1.10.0'],
    ['*', 'v3.1.0'],
    ['', 'v3.1.0'],
    ['>=1.0.0', 'v3.1.0'],
    ['>= 1.0, < 1.10', '1.2.5'],
    ['>=1.0.0 <1.2.0', '1.0.0'],
    ['~1.2', '1.2.5'],
    ['~> 1.2.0', '1.2.5'],
    ['^1.0.0', '1.10.0'],
    ['=< 1.2.0', '1.2.0'],
    ['1.0.0 - 1.2.0', '1.2.0'],
    ['<1.0.0 || >=1.2.0 <1.3', '1.2.5'],
    ['>=2.0.0-0', 'v3.1.0'],
    ['2.0.0-beta.1', '2.0.0-beta.1'],
    ['1.2.5', '1.2.5'],
    ['v1.2.5', '1.2.5'],
    ['1.2', '1.2.0'],
    ['3.1.0', 'v3.1.0'],
    ['not-a-version', 'not-a-version'],
  ])('%j selects %s', (constraint, expected) => {
    expect(selectChartVersion(constraint, available)).toBe(expected);
  });

  it.each([['9.*'], ['1.2.6'], ['>=4'], ['2.0.0'], ['latest'], ['!=1.0.0'], ['>=x.y'], ['>=2.0.0-0 <3']])(
    '%j selects nothing',
    (constraint) => {
      expect(selectChartVersion(constraint, available)).toBeUndefined();
    },
  );

  it('keeps prereleases out of constraints without one (Masterminds: per comparison)', () => {
    expect(selectChartVersion('>=1.0.0', ['1.0.0', '2.0.0-beta.1'])).toBe('1.0.0');
    expect(selectChartVersion('^2.0.0-0', ['1.0.0', '2.0.0-beta.1', '2.1.0-beta.1'])).toBe('2.1.0-beta.1');
    // Masterminds admits a prerelease only when every comparison of the group names one.
    expect(selectChartVersion('>=2.0.0-0, <3.0.0', ['2.0.0-beta.1'])).toBeUndefined();
  });

  it('reads versions as Masterminds does', () => {
    expect(parseChartVersion('v1.2')?.version).toBe('1.2.0');
    expect(parseChartVersion('1')?.version).toBe('1.0.0');
    expect(parseChartVersion('1.2.3+build.1')?.build).toEqual(['build', '1']);
    expect(parseChartVersion('1.2.3.4')).toBeUndefined();
    expect(isExactVersion('1.2.3')).toBe(true);
    expect(isExactVersion('1.2.*')).toBe(false);
    expect(isExactVersion('>=1')).toBe(false);
  });

  it('lists the highest versions for messages', () => {
    expect(highestVersions(available, 3)).toEqual(['v3.1.0', '2.0.0-rc.2', '2.0.0-beta.1']);
  });
});
