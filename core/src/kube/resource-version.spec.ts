import { isOlderVersion } from './resource-version';

describe('isOlderVersion', () => {
  it('compares integer resourceVersions as numbers, beyond 2^53 too', () => {
    expect(isOlderVersion('9', '10')).toBe(true);
    expect(isOlderVersion('10', '9')).toBe(false);
    expect(isOlderVersion('10', '10')).toBe(false);
    expect(isOlderVersion('18446744073709551614', '18446744073709551615')).toBe(true);
  });

  it('knows nothing of versions that are not integers, or missing', () => {
    expect(isOlderVersion('a9', '10')).toBe(false);
    expect(isOlderVersion('9', undefined)).toBe(false);
    expect(isOlderVersion(undefined, '10')).toBe(false);
  });
});
