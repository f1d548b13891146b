// Private keys for Sprig's certificate functions: generation (RSA with native
// BigInt arithmetic, ECDSA and Ed25519 from @noble/curves), the PEM/DER formats
// Go's crypto/x509 reads and writes (PKCS#1, SEC 1, PKCS#8, Sprig's DSA layout),
// public-key encodings and signatures. Randomness comes only from
// globalThis.crypto.getRandomValues.
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { GoError } from '../exec/function';
import {
  bigintToBytes,
  bitString,
  bytesToBigint,
  children,
  concat,
  decodeOne,
  DerError,
  expectTag,
  explicit,
  integer,
  nullValue,
  octetString,
  oid,
  readBitString,
  readInteger,
  readOid,
  sequence,
  TAG,
  type Element,
} from './der';

export type CurveName = 'P-256' | 'P-384' | 'P-521';

export type PrivateKey =
  | { kind: 'rsa'; n: bigint; e: bigint; d: bigint; p: bigint; q: bigint }
  | { kind: 'ecdsa'; curve: CurveName; d: Uint8Array; publicPoint: Uint8Array }
  | { kind: 'ed25519'; seed: Uint8Array; publicKey: Uint8Array }
  | { kind: 'dsa'; p: bigint; q: bigint; g: bigint; y: bigint; x: bigint };

const CURVES = {
  'P-256': { impl: p256, oid: '1.2.840.10045.3.1.7', size: 32, signatureOid: '1.2.840.10045.4.3.2' },
  'P-384': { impl: p384, oid: '1.3.132.0.34', size: 48, signatureOid: '1.2.840.10045.4.3.3' },
  'P-521': { impl: p521, oid: '1.3.132.0.35', size: 66, signatureOid: '1.2.840.10045.4.3.4' },
} as const;

const OID_RSA = '1.2.840.113549.1.1.1';
const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_ED25519 = '1.3.101.112';
const OID_DSA = '1.2.840.10040.4.1';

function curveFromOid(dotted: string): CurveName | undefined {
  return (Object.keys(CURVES) as CurveName[]).find((name) => CURVES[name].oid === dotted);
}

// ---------------------------------------------------------------- randomness

export function randomBytes(length: number): Uint8Array {
  const source = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  if (typeof source?.getRandomValues !== 'function') {
    throw new GoError('crypto/rand: globalThis.crypto.getRandomValues is not available in this environment');
  }
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += 65536) source.getRandomValues(out.subarray(offset, offset + 65536));
  return out;
}

/** A uniform random integer in [0, 2^bits). */
export function randomBits(bits: number): bigint {
  const bytes = randomBytes(Math.ceil(bits / 8));
  const extra = bytes.length * 8 - bits;
  bytes[0]! &= 0xff >> extra;
  return bytesToBigint(bytes);
}

// ---------------------------------------------------------------- RSA arithmetic

export function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  // 4-bit fixed window.
  const table: bigint[] = [1n, base % modulus];
  for (let i = 2; i < 16; i++) table.push((table[i - 1]! * table[1]!) % modulus);
  const hex = exponent.toString(16);
  let result = 1n;
  for (const digit of hex) {
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    const value = parseInt(digit, 16);
    if (value !== 0) result = (result * table[value]!) % modulus;
  }
  return result;
}

function modInverse(value: bigint, modulus: bigint): bigint | undefined {
  let [oldR, r] = [((value % modulus) + modulus) % modulus, modulus];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) return undefined;
  return ((oldS % modulus) + modulus) % modulus;
}

export const SMALL_PRIMES: number[] = (() => {
  const primes: number[] = [];
  for (let n = 3; primes.length < 600; n += 2) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return primes;
})();

export function millerRabin(n: bigint, rounds: number): boolean {
  const minusOne = n - 1n;
  let d = minusOne;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  const bits = bitLength(n);
  for (let round = 0; round < rounds; round++) {
    // Base 2 first (cheap rejection of composites), then random bases in [2, n-2].
    const base = round === 0 ? 2n : 2n + (randomBits(bits + 64) % (n - 3n));
    let x = modPow(base, d, n);
    if (x === 1n || x === minusOne) continue;
    let witness = true;
    for (let i = 1; i < s; i++) {
      x = (x * x) % n;
      if (x === minusOne) {
        witness = false;
        break;
      }
    }
    if (witness) return false;
  }
  return true;
}

/** A random prime of exactly `bits` bits with the top two bits set (so p*q has 2*bits bits), as Go's rand.Prime. */
function randomPrime(bits: number): bigint {
  const rounds = bits >= 1024 ? 8 : bits >= 512 ? 12 : 24;
  for (;;) {
    let candidate = randomBits(bits) | (3n << BigInt(bits - 2)) | 1n;
    const residues = SMALL_PRIMES.map((p) => Number(candidate % BigInt(p)));
    for (let delta = 0; delta < 1 << 20; delta += 2) {
      if (SMALL_PRIMES.some((p, i) => (residues[i]! + delta) % p === 0)) continue;
      const n = candidate + BigInt(delta);
      if (bitLength(n) !== bits) break;
      if (millerRabin(n, rounds)) return n;
    }
    candidate = 0n;
  }
}

export function generateRsaKey(bits: number): PrivateKey {
  const e = 65537n;
  for (;;) {
    const p = randomPrime(bits - (bits >> 1));
    const q = randomPrime(bits >> 1);
    if (p === q) continue;
    const n = p * q;
    if (bitLength(n) !== bits) continue;
    const d = modInverse(e, (p - 1n) * (q - 1n));
    if (d === undefined) continue;
    return { kind: 'rsa', n, e, d, p, q };
  }
}

export function generateEcdsaKey(curve: CurveName): PrivateKey {
  const impl = CURVES[curve].impl;
  const d = impl.utils.randomSecretKey(randomBytes(impl.lengths.seed!));
  return { kind: 'ecdsa', curve, d, publicPoint: impl.getPublicKey(d, false) };
}

export function generateEd25519Key(): PrivateKey {
  const seed = randomBytes(32);
  return { kind: 'ed25519', seed, publicKey: ed25519.getPublicKey(seed) };
}

// ---------------------------------------------------------------- PEM

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** encoding/base64 StdEncoding.DecodeString: padding required, \r and \n ignored; undefined when invalid. */
export function decodeStdBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean)) {
    return undefined;
  }
  return Uint8Array.from(atob(clean), (char) => char.charCodeAt(0));
}

export function pemEncode(type: string, bytes: Uint8Array): string {
  const body = toBase64(bytes).replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${type}-----\n${body}${body.endsWith('\n') || body === '' ? '' : '\n'}-----END ${type}-----\n`;
}

/** encoding/pem.Decode: the first well-formed block anywhere in the text (headers skipped). */
export function pemDecode(text: string): { type: string; bytes: Uint8Array } | undefined {
  const blocks =
    /(?:^|\n)-----BEGIN ([^\n]*?)-----[ \t\r]*\n([\s\S]*?)(?:^|\n)-----END ([^\n]*?)-----[ \t\r]*(?=\n|$)/gm;
  for (let match = blocks.exec(text); match !== null; match = blocks.exec(text)) {
    const [, type, rawBody, endType] = match;
    if (type !== endType) {
      blocks.lastIndex = match.index + 1;
      continue;
    }
    let body = rawBody!;
    if (/^[^\n]*:/.test(body)) {
      const blank = body.search(/\n[ \t\r]*\n/);
      body = blank < 0 ? '' : body.slice(blank + 1);
    }
    const bytes = decodeStdBase64(body.replace(/[ \t\r\n]/g, ''));
    if (bytes !== undefined) return { type: type!, bytes };
    blocks.lastIndex = match.index + 1;
  }
  return undefined;
}

// ---------------------------------------------------------------- key encodings

function rsaPrecomputed(key: { d: bigint; p: bigint; q: bigint }): [bigint, bigint, bigint] {
  return [key.d % (key.p - 1n), key.d % (key.q - 1n), modInverse(key.q, key.p) ?? 0n];
}

/** Sprig's pemBlockForKey: PKCS#1 for RSA, SEC 1 for ECDSA, PKCS#8 otherwise. */
export function privateKeyPem(key: PrivateKey): string {
  switch (key.kind) {
    case 'rsa': {
      const [dp, dq, qinv] = rsaPrecomputed(key);
      const der = sequence(...[0n, key.n, key.e, key.d, key.p, key.q, dp, dq, qinv].map((v) => integer(v)));
      return pemEncode('RSA PRIVATE KEY', der);
    }
    case 'ecdsa': {
      const { oid: curveOid } = CURVES[key.curve];
      const der = sequence(
        integer(1),
        octetString(key.d),
        explicit(0, oid(curveOid)),
        explicit(1, bitString(key.publicPoint)),
      );
      return pemEncode('EC PRIVATE KEY', der);
    }
    case 'ed25519': {
      const der = sequence(integer(0), sequence(oid(OID_ED25519)), octetString(octetString(key.seed)));
      return pemEncode('PRIVATE KEY', der);
    }
    case 'dsa': {
      const der = sequence(...[0n, key.p, key.q, key.g, key.y, key.x].map((v) => integer(v)));
      return pemEncode('DSA PRIVATE KEY', der);
    }
  }
}

/** SubjectPublicKeyInfo parts: the AlgorithmIdentifier and the subjectPublicKey bytes. */
export function publicKeyInfo(key: PrivateKey): { algorithm: Uint8Array; keyBytes: Uint8Array } | undefined {
  switch (key.kind) {
    case 'rsa':
      return {
        algorithm: sequence(oid(OID_RSA), nullValue()),
        keyBytes: sequence(integer(key.n), integer(key.e)),
      };
    case 'ecdsa':
      return {
        algorithm: sequence(oid(OID_EC_PUBLIC_KEY), oid(CURVES[key.curve].oid)),
        keyBytes: key.publicPoint,
      };
    case 'ed25519':
      return { algorithm: sequence(oid(OID_ED25519)), keyBytes: key.publicKey };
    case 'dsa':
      return undefined;
  }
}

/** Identity of a public key, for Go's PublicKey.Equal. */
export function publicKeyId(key: PrivateKey): string {
  switch (key.kind) {
    case 'rsa':
      return `rsa:${key.n.toString(16)}:${key.e.toString(16)}`;
    case 'ecdsa':
      return `ecdsa:${key.curve}:${toBase64(key.publicPoint)}`;
    case 'ed25519':
      return `ed25519:${toBase64(key.publicKey)}`;
    case 'dsa':
      return `dsa:${key.y.toString(16)}`;
  }
}

/** The same identity read from a certificate's SubjectPublicKeyInfo; null when Go would not know the algorithm. */
export function spkiId(spki: Element): string | null {
  const [algorithm, bits] = children(expectTag(spki, TAG.SEQUENCE).content);
  const [algorithmOid, parameters] = children(expectTag(algorithm, TAG.SEQUENCE).content);
  const keyBytes = readBitString(bits);
  switch (readOid(algorithmOid)) {
    case OID_RSA: {
      const [n, e] = children(decodeOne(keyBytes, TAG.SEQUENCE).content);
      return `rsa:${readInteger(n).toString(16)}:${readInteger(e).toString(16)}`;
    }
    case OID_EC_PUBLIC_KEY:
      return `ecdsa:${curveFromOid(readOid(parameters)) ?? '?'}:${toBase64(keyBytes)}`;
    case OID_ED25519:
      return `ed25519:${toBase64(keyBytes)}`;
    case OID_DSA:
      return `dsa:${readInteger(decodeOne(keyBytes)).toString(16)}`;
    default:
      return null;
  }
}

// ---------------------------------------------------------------- parsing (x509.Parse*PrivateKey)

/** An asn1.Unmarshal failure, worded like Go's. */
function asn1Error(error: unknown): GoError {
  if (error instanceof GoError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'trailing data') return new GoError('asn1: syntax error: trailing data');
  return new GoError(`asn1: structure error: ${message}`);
}

function attempt<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DerError || error instanceof GoError) return undefined;
    throw error;
  }
}

interface Pkcs1Fields {
  version: bigint;
  values: bigint[];
  extra: number;
}

function readPkcs1(der: Uint8Array): Pkcs1Fields {
  const items = children(decodeOne(der, TAG.SEQUENCE).content);
  if (items.length < 6) throw new DerError('sequence truncated');
  const values = items.slice(0, 9).map((item) => readInteger(item));
  return { version: values[0]!, values: values.slice(1), extra: items.length - 9 };
}

function readEcShape(der: Uint8Array): Element[] {
  const items = children(decodeOne(der, TAG.SEQUENCE).content);
  readInteger(items[0]);
  expectTag(items[1], TAG.OCTET_STRING);
  return items;
}

function readPkcs8Shape(der: Uint8Array): [Element, Element, Uint8Array] {
  const items = children(decodeOne(der, TAG.SEQUENCE).content);
  readInteger(items[0]);
  const algorithm = expectTag(items[1], TAG.SEQUENCE);
  const parts = children(algorithm.content);
  readOid(parts[0]);
  return [
    parts[0]!,
    parts[1] ?? { tag: 0, content: new Uint8Array(), raw: new Uint8Array() },
    expectTag(items[2], TAG.OCTET_STRING).content,
  ];
}

export function parsePkcs1PrivateKey(der: Uint8Array): PrivateKey {
  let fields: Pkcs1Fields;
  try {
    fields = readPkcs1(der);
  } catch (error) {
    if (attempt(() => readEcShape(der)))
      throw new GoError('x509: failed to parse private key (use ParseECPrivateKey instead for this key format)');
    if (attempt(() => readPkcs8Shape(der)))
      throw new GoError('x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)');
    throw asn1Error(error);
  }
  if (fields.version > 1n) throw new GoError('x509: unsupported private key version');
  const [n, e, d, p, q] = fields.values as [bigint, bigint, bigint, bigint, bigint];
  if (n <= 0n || d <= 0n || p <= 0n || q <= 0n) throw new GoError('x509: private key contains zero or negative value');
  if (fields.extra > 0) throw new GoError('x509: multi-prime RSA keys are not supported');
  if (e < 2n) throw new GoError('crypto/rsa: public exponent too small');
  if (e > 0x7fffffffn) throw new GoError('crypto/rsa: public exponent too large');
  if (p <= 1n || q <= 1n) throw new GoError('crypto/rsa: invalid prime value');
  if (p * q !== n) throw new GoError('crypto/rsa: invalid modulus');
  if ((d * e) % (p - 1n) !== 1n || (d * e) % (q - 1n) !== 1n) throw new GoError('crypto/rsa: invalid exponents');
  return { kind: 'rsa', n, e, d, p, q };
}

function parseEcPrivateKey(der: Uint8Array, curveOid: string | undefined): PrivateKey {
  let items: Element[];
  try {
    items = readEcShape(der);
  } catch (error) {
    if (attempt(() => readPkcs8Shape(der)))
      throw new GoError('x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)');
    if (attempt(() => readPkcs1(der)))
      throw new GoError('x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)');
    throw new GoError(`x509: failed to parse EC private key: ${asn1Error(error).message}`);
  }
  const version = readInteger(items[0]);
  if (version !== 1n) throw new GoError(`x509: unknown EC private key version ${version}`);
  let named = curveOid;
  if (named === undefined) {
    const tagged = items.slice(2).find((item) => item.tag === 0xa0);
    named = tagged === undefined ? undefined : attempt(() => readOid(decodeOne(tagged.content)));
  }
  const curve = named === undefined ? undefined : curveFromOid(named);
  if (curve === undefined) throw new GoError('x509: unknown elliptic curve');
  const { impl, size } = CURVES[curve];
  const scalar = bytesToBigint(items[1]!.content);
  if (scalar >= impl.Point.Fn.ORDER || scalar === 0n)
    throw new GoError('x509: invalid elliptic curve private key value');
  const d = bigintToBytes(scalar, size);
  return { kind: 'ecdsa', curve, d, publicPoint: impl.getPublicKey(d, false) };
}

export function parsePkcs8PrivateKey(der: Uint8Array): PrivateKey {
  let algorithmOid: Element, parameters: Element, inner: Uint8Array;
  try {
    [algorithmOid, parameters, inner] = readPkcs8Shape(der);
  } catch (error) {
    if (attempt(() => readEcShape(der)))
      throw new GoError('x509: failed to parse private key (use ParseECPrivateKey instead for this key format)');
    if (attempt(() => readPkcs1(der)))
      throw new GoError('x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)');
    throw asn1Error(error);
  }
  const algorithm = readOid(algorithmOid);
  switch (algorithm) {
    case OID_RSA:
      try {
        return parsePkcs1PrivateKey(inner);
      } catch (error) {
        throw new GoError(`x509: failed to parse RSA private key embedded in PKCS#8: ${asn1Error(error).message}`);
      }
    case OID_EC_PUBLIC_KEY: {
      const curveOid = parameters.tag === TAG.OID ? readOid(parameters) : undefined;
      try {
        return parseEcPrivateKey(inner, curveOid);
      } catch (error) {
        throw new GoError(`x509: failed to parse EC private key embedded in PKCS#8: ${asn1Error(error).message}`);
      }
    }
    case OID_ED25519: {
      if (parameters.raw.length !== 0) throw new GoError('x509: invalid Ed25519 private key parameters');
      let seed: Uint8Array;
      try {
        seed = decodeOne(inner, TAG.OCTET_STRING).content;
      } catch (error) {
        throw new GoError(`x509: invalid Ed25519 private key: ${asn1Error(error).message}`);
      }
      if (seed.length !== 32) throw new GoError(`x509: invalid Ed25519 private key length: ${seed.length}`);
      return { kind: 'ed25519', seed: seed.slice(), publicKey: ed25519.getPublicKey(seed) };
    }
    default:
      throw new GoError(`x509: PKCS#8 wrapping contained private key with unknown algorithm: ${algorithm}`);
  }
}

function parseDsaPrivateKey(der: Uint8Array): PrivateKey {
  const items = children(decodeOne(der, TAG.SEQUENCE).content);
  if (items.length < 6) throw new DerError('sequence truncated');
  readInteger(items[0]);
  const [p, q, g, y, x] = items.slice(1, 6).map((item) => readInteger(item));
  return { kind: 'dsa', p: p!, q: q!, g: g!, y: y!, x: x! };
}

/** Sprig's parsePrivateKeyPEM. */
export function parsePrivateKeyPem(text: string): PrivateKey {
  const block = pemDecode(text);
  if (block === undefined) throw new GoError('no PEM data in input');
  if (block.type === 'PRIVATE KEY') {
    try {
      return parsePkcs8PrivateKey(block.bytes);
    } catch (error) {
      throw new GoError(`decoding PEM as PKCS#8: ${asn1Error(error).message}`);
    }
  }
  if (!block.type.endsWith(' PRIVATE KEY')) throw new GoError(`no private key data in PEM block of type ${block.type}`);
  const wrap = (label: string, parse: () => PrivateKey): PrivateKey => {
    try {
      return parse();
    } catch (error) {
      throw new GoError(`parsing ${label} private key from PEM: ${asn1Error(error).message}`);
    }
  };
  switch (block.type.slice(0, -12)) {
    case 'RSA':
      return wrap('RSA', () => parsePkcs1PrivateKey(block.bytes));
    case 'EC':
      return wrap('EC', () => parseEcPrivateKey(block.bytes, undefined));
    case 'DSA':
      return wrap('DSA', () => parseDsaPrivateKey(block.bytes));
    default:
      throw new GoError(`invalid private key type ${block.type}`);
  }
}

// ---------------------------------------------------------------- signing

const SHA256_DIGEST_INFO = Uint8Array.from([
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
]);

/** The AlgorithmIdentifier Go's CreateCertificate picks for a signing key. */
export function signatureAlgorithm(key: PrivateKey): Uint8Array {
  switch (key.kind) {
    case 'rsa':
      return sequence(oid(OID_SHA256_WITH_RSA), nullValue());
    case 'ecdsa':
      return sequence(oid(CURVES[key.curve].signatureOid));
    case 'ed25519':
      return sequence(oid(OID_ED25519));
    case 'dsa':
      throw new GoError('x509: certificate private key does not implement crypto.Signer');
  }
}

/** Relative cost of one signature, in units of an RSA-2048 signature. */
export function signingWeight(key: PrivateKey): number {
  return key.kind === 'rsa' ? Math.max(1, (bitLength(key.n) / 2048) ** 3) : 1;
}

export function sign(key: PrivateKey, message: Uint8Array): Uint8Array {
  switch (key.kind) {
    case 'rsa': {
      const k = Math.ceil(bitLength(key.n) / 8);
      const digestInfo = concat([SHA256_DIGEST_INFO, sha256(message)]);
      if (k < digestInfo.length + 11) throw new GoError('crypto/rsa: message too long for RSA key size');
      const encoded = new Uint8Array(k).fill(0xff);
      encoded[0] = 0;
      encoded[1] = 1;
      encoded[k - digestInfo.length - 1] = 0;
      encoded.set(digestInfo, k - digestInfo.length);
      const m = bytesToBigint(encoded);
      const [dp, dq, qinv] = rsaPrecomputed(key);
      const m1 = modPow(m, dp, key.p);
      const m2 = modPow(m, dq, key.q);
      const h = (qinv * (((m1 - m2) % key.p) + key.p)) % key.p;
      return bigintToBytes(m2 + h * key.q, k);
    }
    case 'ecdsa':
      return CURVES[key.curve].impl.sign(message, key.d, { format: 'der', lowS: false, extraEntropy: randomBytes(32) });
    case 'ed25519':
      return ed25519.sign(message, key.seed);
    case 'dsa':
      throw new GoError('x509: certificate private key does not implement crypto.Signer');
  }
}
