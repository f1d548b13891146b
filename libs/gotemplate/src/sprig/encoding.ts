// Sprig's encodings, checksums, UUIDs and random strings.
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fn, GoError, type FuncMap } from '../exec/function';
import { utf8Decode, utf8Encode } from '../values/types';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function base64Encode(text: string): string {
  let binary = '';
  for (const byte of utf8Encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64Decode(text: string): string {
  const invalid = /[^A-Za-z0-9+/=]/.exec(text);
  if (invalid) return `illegal base64 data at input byte ${invalid.index}`;
  const firstPad = text.indexOf('=');
  if (text.length % 4 !== 0 || (firstPad >= 0 && /[^=]/.test(text.slice(firstPad)))) {
    const at = firstPad >= 0 && /[^=]/.test(text.slice(firstPad)) ? firstPad : text.length - (text.length % 4 || 4);
    return `illegal base64 data at input byte ${Math.max(at, 0)}`;
  }
  const binary = atob(text);
  return utf8Decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

function base32Encode(text: string): string {
  const bytes = utf8Encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.slice(i, i + 5);
    let bits = 0n;
    for (let j = 0; j < 5; j++) bits = (bits << 8n) | BigInt(chunk[j] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let j = 0; j < 8; j++) {
      out += j < chars ? BASE32_ALPHABET[Number((bits >> BigInt(35 - j * 5)) & 31n)] : '=';
    }
  }
  return out;
}

function base32Decode(text: string): string {
  const clean = text.replace(/=+$/, '');
  for (let i = 0; i < clean.length; i++) {
    if (!BASE32_ALPHABET.includes(clean[i]!)) return `illegal base32 data at input byte ${i}`;
  }
  if (text.length % 8 !== 0) return `illegal base32 data at input byte ${text.length - (text.length % 8)}`;
  const bytes: number[] = [];
  let buffer = 0;
  let bitCount = 0;
  for (const char of clean) {
    buffer = (buffer << 5) | BASE32_ALPHABET.indexOf(char);
    bitCount += 5;
    if (bitCount >= 8) {
      bitCount -= 8;
      bytes.push((buffer >> bitCount) & 0xff);
    }
  }
  return utf8Decode(Uint8Array.from(bytes));
}

function adler32(text: string): string {
  let a = 1;
  let b = 0;
  for (const byte of utf8Encode(text)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return String(((b << 16) | a) >>> 0);
}

function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  for (let offset = 0; offset < count; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(offset + 65536, count)));
  }
  return bytes;
}

function randomString(count: number, alphabet: string, limit: number): string {
  if (count < 0) throw new GoError(`Requested random string length ${count} is less than 0.`);
  if (count > limit) throw new GoError(`random string of ${count} characters exceeds the output limit`);
  const bytes = randomBytes(count * 2);
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[((bytes[2 * i]! << 8) | bytes[2 * i + 1]!) % alphabet.length];
  return out;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

function uuidv4(): string {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const encodingFuncs: FuncMap = {
  b64enc: fn(['string'], ([text]) => base64Encode(text as string)),
  b64dec: fn(['string'], ([text]) => base64Decode(text as string)),
  b32enc: fn(['string'], ([text]) => base32Encode(text as string)),
  b32dec: fn(['string'], ([text]) => base32Decode(text as string)),
  sha1sum: fn(['string'], ([text]) => toHex(sha1(utf8Encode(text as string)))),
  sha256sum: fn(['string'], ([text]) => toHex(sha256(utf8Encode(text as string)))),
  adler32sum: fn(['string'], ([text]) => adler32(text as string)),
  uuidv4: fn([], () => uuidv4()),
  randAlphaNum: fn(['int'], ([count], context) =>
    randomString(count as number, LETTERS + DIGITS, context.limits.maxOutputLength),
  ),
  randAlpha: fn(['int'], ([count], context) => randomString(count as number, LETTERS, context.limits.maxOutputLength)),
  randAscii: fn(['int'], ([count], context) => randomString(count as number, ASCII, context.limits.maxOutputLength)),
  randNumeric: fn(['int'], ([count], context) => randomString(count as number, DIGITS, context.limits.maxOutputLength)),
  randBytes: fn(
    ['int'],
    ([count], context) => {
      const n = count as number;
      if (n < 0 || n > context.limits.maxOutputLength) throw new GoError(`invalid randBytes count ${n}`);
      let binary = '';
      for (const byte of randomBytes(n)) binary += String.fromCharCode(byte);
      return btoa(binary);
    },
    { returnsError: true },
  ),
};
