import { durationsEqual, parseDuration } from './duration';

describe('Go durations (meta/v1/Duration)', () => {
  it.each([
    ['1h30m', '90m'],
    ['90m0s', '5400s'],
    ['1.5h', '1h30m'],
    ['300ms', '0.3s'],
    ['0', '0s'],
    ['-1m', '-60s'],
  ])('%s equals %s', (left, right) => {
    expect(durationsEqual(left, right)).toBe(true);
  });

  it.each([
    ['1h', '61m'],
    ['1x', '1x'],
    ['', ''],
    ['5', '5s'],
  ])('%s does not equal %s', (left, right) => {
    expect(durationsEqual(left, right)).toBe(false);
  });

  it('parses to nanoseconds', () => {
    expect(parseDuration('2m3s')).toBe(123e9);
    expect(parseDuration('1h 2m')).toBeUndefined();
  });
});
