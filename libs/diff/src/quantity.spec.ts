import fc from 'fast-check';
import { parseQuantity, quantitiesEqual } from './quantity';

describe('quantitiesEqual', () => {
  it.each([
    ['1000m', '1'],
    ['1Gi', '1024Mi'],
    ['0.5', '500m'],
    ['1e3', '1k'],
    ['1E3', 1000],
    ['128974848', '123Mi'],
    ['2G', '2000M'],
    ['100n', '0.1u'],
    ['.5Gi', '512Mi'],
    ['+1', '1'],
    [2, '2000m'],
  ])('%s equals %s', (left, right) => {
    expect(quantitiesEqual(left, right)).toBe(true);
  });

  it.each([
    ['1G', '1Gi'],
    ['1001m', '1'],
    ['250m', '0.5'],
    ['-1', '1'],
    ['abc', 'abc'],
    ['1Gb', '1Gb'],
  ])('%s differs from %s', (left, right) => {
    expect(quantitiesEqual(left, right)).toBe(false);
  });

  it('rejects what is not a quantity', () => {
    expect(parseQuantity('1.2.3')).toBeUndefined();
    expect(parseQuantity('')).toBeUndefined();
    expect(parseQuantity('10 Mi')).toBeUndefined();
  });

  it('millis of n equal n / 1000 for any integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (millis) => {
        expect(quantitiesEqual(`${millis}m`, `${millis / 1000}`)).toBe(true);
        expect(quantitiesEqual(`${millis}m`, `${millis + 1}m`)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('binary suffixes scale by 1024', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (kibibytes) => {
        expect(quantitiesEqual(`${kibibytes}Ki`, String(kibibytes * 1024))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
