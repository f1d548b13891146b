// How a tree or managed-resources record is stored: JSON, gzipped once it is
// large enough for compression to pay (a 1,500-node tree shrinks ~10×). The
// first byte says which. Pure.
import { gunzipSync, gzipSync } from 'node:zlib';

const PLAIN = 0x6a; // 'j'
const GZIP = 0x7a; // 'z'
const COMPRESS_FROM_BYTES = 4096;

export function encodeRecord(value: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(value));
  if (json.length < COMPRESS_FROM_BYTES) return Buffer.concat([Buffer.of(PLAIN), json]);
  return Buffer.concat([Buffer.of(GZIP), gzipSync(json, { level: 4 })]);
}

export function decodeRecord<T>(stored: Buffer): T {
  const body = stored.subarray(1);
  if (stored[0] === PLAIN) return JSON.parse(body.toString('utf8')) as T;
  if (stored[0] === GZIP) return JSON.parse(gunzipSync(body).toString('utf8')) as T;
  throw new Error(`unknown tree record encoding ${stored[0] ?? 'empty'}`);
}
