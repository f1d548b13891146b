import { parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['10M', 10_000_000],
    ['10Mi', 10 * 1024 * 1024],
    ['500k', 500_000],
    ['1Gi', 2 ** 30],
    ['1e7', 10_000_000],
    ['1.5M', 1_500_000],
    ['0', 0],
    ['100', 100],
    ['1500m', 2],
  ])('%s is %d bytes', (text, bytes) => {
    expect(parseQuantity(text)).toBe(bytes);
  });

  it.each(['', 'ten', '10MB', '10 M', 'M'])('%j is not a quantity', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});
