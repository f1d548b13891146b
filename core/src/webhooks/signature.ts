// Constant-time checks of webhook credentials. Comparisons go through
// SHA-256 digests, so neither the content nor the length of a secret leaks
// through timing.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Whether `hexSignature` is HMAC-SHA256(secret, body) in hex (any case). */
export function validHmacSha256(body: Buffer, secret: string, hexSignature: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(hexSignature)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hexSignature, 'hex'));
}

/** `sha256=<hex>` as GitHub's X-Hub-Signature-256 and Bitbucket Server's X-Hub-Signature carry it. */
export function validPrefixedHmac(body: Buffer, secret: string, header: string | undefined): boolean {
  if (header === undefined || !header.startsWith('sha256=')) return false;
  return validHmacSha256(body, secret, header.slice('sha256='.length));
}
