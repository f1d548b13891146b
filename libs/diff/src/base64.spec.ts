import fc from 'fast-check';
import { base64EncodeUtf8 } from './base64';

describe('base64EncodeUtf8', () => {
  it.each([
    ['', ''],
    ['s3cr3t', 'czNjcjN0'],
    ['émile', 'w6ltaWxl'],
    ['a', 'YQ=='],
    ['ab', 'YWI='],
  ])('%j → %s', (text, encoded) => {
    expect(base64EncodeUtf8(text)).toBe(encoded);
  });

  it('matches Node for any string, including astral characters and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(base64EncodeUtf8(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
      }),
      { numRuns: 300 },
    );
  });
});
