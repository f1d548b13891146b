// Sprig's certificate functions (genPrivateKey, buildCustomCert, genCA,
// genSelfSignedCert, genSignedCert and their *WithKey forms): X.509 v3
// certificates laid out the way Go's x509.CreateCertificate writes Sprig's
// template (random 128-bit serial, CN-only subject, SANs, now..now+days,
// key usages, basic constraints, key identifiers), returned as a
// sprig.certificate struct with PEM Cert and Key fields.
import { sha1 } from '@noble/hashes/legacy.js';
import { fn, GoError, type CallContext, type FuncMap } from '../exec/function';
import { formatValue } from '../values/format';
import { goQuote } from '../values/quote';
import { GoStruct, utf8Decode, utf8Encode } from '../values/types';
import {
  bitString,
  boolean,
  children,
  DerError,
  explicit,
  integer,
  octetString,
  oid,
  readElement,
  readInteger,
  readOid,
  sequence,
  set,
  TAG,
  tlv,
  type Element,
} from './der';
import {
  decodeStdBase64,
  generateEcdsaKey,
  generateEd25519Key,
  generateRsaKey,
  parsePrivateKeyPem,
  pemDecode,
  pemEncode,
  privateKeyPem,
  publicKeyId,
  publicKeyInfo,
  randomBits,
  sign,
  signatureAlgorithm,
  signingWeight,
  spkiId,
  type PrivateKey,
} from './keys';
import { generateDsaKey } from './dsa';

/** Range-iteration units per RSA-2048 key generation (about a fifth of a second; 4096 bits costs 8 times more). */
export const RSA_2048_KEYGEN_COST = 40_000;
/** DSA L2048N256 parameter generation takes one to a few seconds. */
const DSA_KEYGEN_COST = 300_000;
/** An ECDSA/Ed25519 key, a signature or a key check. */
const SMALL_CRYPTO_COST = 1_000;

const KEY_USAGE_DIGITAL_SIGNATURE = 1 << 0;
const KEY_USAGE_KEY_ENCIPHERMENT = 1 << 2;
const KEY_USAGE_CERT_SIGN = 1 << 5;

const OID_COMMON_NAME = '2.5.4.3';
const OID_SUBJECT_KEY_ID = '2.5.29.14';
const OID_KEY_USAGE = '2.5.29.15';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_AUTHORITY_KEY_ID = '2.5.29.35';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const OID_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

function certificateStruct(cert: string, key: string): GoStruct {
  return new GoStruct('sprig.certificate', { Cert: cert, Key: key });
}

// ---------------------------------------------------------------- inputs

/** net.ParseIP as To4-or-16 bytes, undefined when invalid. */
function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part) || (part.length > 1 && part.startsWith('0'))) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes.push(value);
  }
  return bytes;
}

export function parseIP(text: string): Uint8Array | undefined {
  if (!text.includes(':')) {
    const v4 = parseIPv4(text);
    return v4 === undefined ? undefined : Uint8Array.from(v4);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece);
        if (v4 === undefined) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
        out.push(parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 2 && halves[0]!.includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = Uint8Array.from(all.flatMap((group) => [group >> 8, group & 0xff]));
  const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

function netIPs(ips: unknown[] | null): Uint8Array[] {
  return (ips ?? []).map((ip) => {
    if (typeof ip !== 'string') throw new GoError(`error parsing ip: ${formatValue(ip)} is not a string`);
    const parsed = parseIP(ip);
    if (parsed === undefined) throw new GoError(`error parsing ip: ${ip}`);
    return parsed;
  });
}

function dnsNames(names: unknown[] | null): string[] {
  return (names ?? []).map((name) => {
    if (typeof name !== 'string') {
      throw new GoError(`error processing alternate dns name: ${formatValue(name)} is not a string`);
    }
    return name;
  });
}

// ---------------------------------------------------------------- certificate parsing

interface ParsedCertificate {
  rawSubject: Uint8Array;
  subjectKeyId: Uint8Array | undefined;
  /** null when Go would not recognise the key algorithm (and so skip the key match check). */
  publicKeyId: string | null;
}

function malformed<T>(message: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DerError || error instanceof GoError) throw new GoError(message);
    throw error;
  }
}

function expectSequence(element: Element | undefined, message: string): Element {
  if (element?.tag !== TAG.SEQUENCE) throw new GoError(message);
  return element;
}

/** x509.ParseCertificate, checking the structure and reading what signing needs. */
function parseCertificate(der: Uint8Array): ParsedCertificate {
  const [outer, end] = malformed('x509: malformed certificate', () => readElement(der));
  const top = malformed('x509: malformed certificate', () => children(expectSequence(outer, '').content));
  const tbs = malformed('x509: malformed tbs certificate', () => children(expectSequence(top[0], '').content));
  let i = 0;
  if (tbs[i]?.tag === 0xa0) {
    const version = malformed('x509: malformed version', () => readInteger(readElement(tbs[i]!.content)[0]));
    if (version < 0n) throw new GoError('x509: malformed version');
    if (version > 2n) throw new GoError('x509: invalid version');
    i++;
  }
  malformed('x509: malformed serial number', () => readInteger(tbs[i++]));
  const innerAlgorithm = expectSequence(tbs[i++], 'x509: malformed signature algorithm identifier');
  expectSequence(tbs[i++], 'x509: malformed issuer');
  const validity = expectSequence(tbs[i++], 'x509: malformed validity');
  const times = malformed('x509: malformed validity', () => children(validity.content));
  if (times.length !== 2 || times.some((t) => t.tag !== TAG.UTC_TIME && t.tag !== TAG.GENERALIZED_TIME)) {
    throw new GoError('x509: malformed validity');
  }
  const subject = expectSequence(tbs[i++], 'x509: malformed subject');
  const spki = expectSequence(tbs[i++], 'x509: malformed spki');
  const keyId = malformed('x509: malformed spki', () => spkiId(spki));
  let subjectKeyId: Uint8Array | undefined;
  for (; i < tbs.length; i++) {
    const element = tbs[i]!;
    if (element.tag === 0x81 || element.tag === 0x82) continue;
    if (element.tag !== 0xa3) throw new GoError('x509: malformed tbs certificate');
    const extensions = malformed('x509: malformed extensions', () =>
      children(expectSequence(readElement(element.content)[0], '').content),
    );
    for (const extension of extensions) {
      const [id, ...rest] = malformed('x509: malformed extension', () =>
        children(expectSequence(extension, '').content),
      );
      const extensionOid = malformed('x509: malformed extension OID field', () => readOid(id));
      const value = rest[rest.length - 1];
      if (value?.tag !== TAG.OCTET_STRING) throw new GoError('x509: malformed extension value field');
      if (extensionOid === OID_SUBJECT_KEY_ID) {
        subjectKeyId = malformed('x509: invalid subject key identifier', () => {
          const [inner, innerEnd] = readElement(value.content);
          if (inner.tag !== TAG.OCTET_STRING || innerEnd !== value.content.length) throw new DerError('');
          return inner.content;
        });
      }
    }
  }
  const outerAlgorithm = expectSequence(top[1], 'x509: malformed algorithm identifier');
  if (top[2]?.tag !== TAG.BIT_STRING) throw new GoError('x509: malformed signature');
  if (outerAlgorithm.raw.join() !== innerAlgorithm.raw.join()) {
    throw new GoError("x509: inner and outer signature algorithm identifiers don't match");
  }
  if (end !== der.length) throw new GoError('x509: trailing data');
  return { rawSubject: subject.raw, subjectKeyId, publicKeyId: keyId };
}

// ---------------------------------------------------------------- certificate writing

interface CertTemplate {
  commonName: string;
  ips: Uint8Array[];
  dnsNames: string[];
  daysValid: number;
  isCA: boolean;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function nameBytes(commonName: string): Uint8Array {
  if (commonName === '') return sequence();
  const tag = PRINTABLE.test(commonName) ? TAG.PRINTABLE_STRING : TAG.UTF8_STRING;
  return sequence(set(sequence(oid(OID_COMMON_NAME), tlv(tag, utf8Encode(commonName)))));
}

function timeBytes(unixSeconds: bigint): Uint8Array {
  const date = new Date(Number(unixSeconds) * 1000);
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new GoError('asn1: structure error: cannot represent time as GeneralizedTime');
  const pad = (value: number) => String(value).padStart(2, '0');
  const rest = `${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  if (year >= 1950 && year < 2050) return tlv(TAG.UTC_TIME, utf8Encode(`${pad(year % 100)}${rest}`));
  return tlv(TAG.GENERALIZED_TIME, utf8Encode(`${String(year).padStart(4, '0')}${rest}`));
}

/** Validity from now to now + days*24h, with Go's time.Duration (int64 nanoseconds) wrap-around. */
function validity(daysValid: number): Uint8Array {
  const nowNanos = BigInt(Date.now()) * 1_000_000n;
  const duration = BigInt.asIntN(64, 24n * 3_600_000_000_000n * BigInt(Math.trunc(daysValid)));
  const seconds = (nanos: bigint) =>
    nanos >= 0n ? nanos / 1_000_000_000n : -((-nanos + 999_999_999n) / 1_000_000_000n);
  return sequence(timeBytes(seconds(nowNanos)), timeBytes(seconds(nowNanos + duration)));
}

function keyUsage(bits: number): Uint8Array {
  const length = 32 - Math.clz32(bits);
  let reversed = 0;
  for (let i = 0; i < 8; i++) if (bits & (1 << i)) reversed |= 0x80 >> i;
  return bitString(Uint8Array.of(reversed), 8 - length);
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
}

function sanValue(names: string[], ips: Uint8Array[]): Uint8Array {
  for (const name of names) {
    // eslint-disable-next-line no-control-regex
    if (/[^\u0000-\u007f]/.test(name)) throw new GoError(`x509: ${goQuote(name)} cannot be encoded as an IA5String`);
  }
  return sequence(...names.map((name) => tlv(0x82, utf8Encode(name))), ...ips.map((ip) => tlv(0x87, ip)));
}

interface Signer {
  key: PrivateKey;
  rawSubject: Uint8Array;
  subjectKeyId: Uint8Array | undefined;
  publicKeyId: string | null;
}

/** x509.CreateCertificate for Sprig's templates; returns PEM certificate and key. */
function createCertificate(template: CertTemplate, key: PrivateKey, signer: Signer | undefined, context: CallContext) {
  const signingKey = signer?.key ?? key;
  try {
    const sigAlgorithm = signatureAlgorithm(signingKey);
    const info = publicKeyInfo(key);
    if (info === undefined) throw new GoError(`x509: unsupported public key type: *${key.kind}.PublicKey`);
    const subject = nameBytes(template.commonName);
    const issuer = signer?.rawSubject ?? subject;
    const subjectKeyId = template.isCA ? sha1(info.keyBytes) : undefined;
    const sameName = issuer.join() === subject.join();
    const authorityKeyId = !sameName && signer?.subjectKeyId?.length ? signer.subjectKeyId : undefined;
    if (signer && signer.publicKeyId !== null && signer.publicKeyId !== publicKeyId(signer.key)) {
      throw new GoError("x509: provided PrivateKey doesn't match parent's PublicKey");
    }
    const usage = template.isCA
      ? KEY_USAGE_KEY_ENCIPHERMENT | KEY_USAGE_DIGITAL_SIGNATURE | KEY_USAGE_CERT_SIGN
      : KEY_USAGE_KEY_ENCIPHERMENT | KEY_USAGE_DIGITAL_SIGNATURE;
    const extensions = [
      extension(OID_KEY_USAGE, true, keyUsage(usage)),
      extension(OID_EXT_KEY_USAGE, false, sequence(oid(OID_SERVER_AUTH), oid(OID_CLIENT_AUTH))),
      extension(OID_BASIC_CONSTRAINTS, true, template.isCA ? sequence(boolean(true)) : sequence()),
    ];
    if (subjectKeyId) extensions.push(extension(OID_SUBJECT_KEY_ID, false, octetString(subjectKeyId)));
    if (authorityKeyId) extensions.push(extension(OID_AUTHORITY_KEY_ID, false, sequence(tlv(0x80, authorityKeyId))));
    if (template.dnsNames.length > 0 || template.ips.length > 0) {
      extensions.push(
        extension(OID_SUBJECT_ALT_NAME, template.commonName === '', sanValue(template.dnsNames, template.ips)),
      );
    }
    const tbs = sequence(
      explicit(0, integer(2)),
      integer(randomBits(128)),
      sigAlgorithm,
      issuer,
      validity(template.daysValid),
      subject,
      sequence(info.algorithm, bitString(info.keyBytes)),
      explicit(3, sequence(...extensions)),
    );
    context.charge(Math.round(SMALL_CRYPTO_COST * signingWeight(signingKey)));
    const der = sequence(tbs, sigAlgorithm, bitString(sign(signingKey, tbs)));
    return certificateStruct(pemEncode('CERTIFICATE', der), privateKeyPem(key));
  } catch (error) {
    if (error instanceof GoError) throw new GoError(`error creating certificate: ${error.message}`);
    throw error;
  }
}

// ---------------------------------------------------------------- the functions

function rsaKey(bits: number, context: CallContext): PrivateKey {
  context.charge(RSA_2048_KEYGEN_COST * (bits / 2048) ** 3);
  return generateRsaKey(bits);
}

function parseKeyArgument(pem: string, context: CallContext): PrivateKey {
  const key = parsePrivateKeyPem(pem);
  context.charge(Math.round(SMALL_CRYPTO_COST * signingWeight(key)));
  return key;
}

function generatePrivateKey(type: string, context: CallContext): string {
  switch (type) {
    case '':
    case 'rsa':
      return privateKeyPem(rsaKey(4096, context));
    case 'dsa':
      context.charge(DSA_KEYGEN_COST);
      return privateKeyPem(generateDsaKey());
    case 'ecdsa':
      context.charge(SMALL_CRYPTO_COST);
      return privateKeyPem(generateEcdsaKey('P-256'));
    case 'ed25519':
      context.charge(SMALL_CRYPTO_COST);
      return privateKeyPem(generateEd25519Key());
    default:
      return `Unknown type ${type}`;
  }
}

function buildCustomCert(b64cert: string, b64key: string): GoStruct {
  const cert = decodeStdBase64(b64cert);
  if (cert === undefined) throw new GoError('unable to decode base64 certificate');
  const key = decodeStdBase64(b64key);
  if (key === undefined) throw new GoError('unable to decode base64 private key');
  const certText = utf8Decode(cert);
  const block = pemDecode(certText);
  if (block === undefined) throw new GoError('unable to decode certificate');
  try {
    parseCertificate(block.bytes);
  } catch (error) {
    if (error instanceof GoError) throw new GoError(`error parsing certificate: decodedCert.Bytes: ${error.message}`);
    throw error;
  }
  const keyText = utf8Decode(key);
  try {
    parsePrivateKeyPem(keyText);
  } catch (error) {
    if (error instanceof GoError) throw new GoError(`error parsing private key: ${error.message}`);
    throw error;
  }
  return certificateStruct(certText, keyText);
}

function withKey(pem: string, context: CallContext): PrivateKey {
  try {
    return parseKeyArgument(pem, context);
  } catch (error) {
    if (error instanceof GoError) throw new GoError(`parsing private key: ${error.message}`);
    throw error;
  }
}

function caSigner(ca: GoStruct, context: CallContext): Signer {
  const block = pemDecode(String(ca.fields.Cert));
  if (block === undefined) throw new GoError('unable to decode certificate');
  let parsed: ParsedCertificate;
  try {
    parsed = parseCertificate(block.bytes);
  } catch (error) {
    if (error instanceof GoError) {
      throw new GoError(`error parsing certificate: decodedSignerCert.Bytes: ${error.message}`);
    }
    throw error;
  }
  let key: PrivateKey;
  try {
    key = parseKeyArgument(String(ca.fields.Key), context);
  } catch (error) {
    if (error instanceof GoError) throw new GoError(`error parsing private key: ${error.message}`);
    throw error;
  }
  return { key, ...parsed };
}

function leafTemplate(cn: unknown, ips: unknown, names: unknown, days: unknown): CertTemplate {
  return {
    commonName: cn as string,
    ips: netIPs(ips as unknown[] | null),
    dnsNames: dnsNames(names as unknown[] | null),
    daysValid: days as number,
    isCA: false,
  };
}

function caTemplate(cn: unknown, days: unknown): CertTemplate {
  return { commonName: cn as string, ips: [], dnsNames: [], daysValid: days as number, isCA: true };
}

const LIST = '[]interface {}';
const CERT = 'sprig.certificate';
const returnsError = { returnsError: true };

export const certFuncs: FuncMap = {
  genPrivateKey: fn(['string'], ([type], context) => generatePrivateKey(type as string, context)),
  buildCustomCert: fn(
    ['string', 'string'],
    ([cert, key]) => buildCustomCert(cert as string, key as string),
    returnsError,
  ),
  genCA: fn(
    ['string', 'int'],
    ([cn, days], context) => createCertificate(caTemplate(cn, days), rsaKey(2048, context), undefined, context),
    returnsError,
  ),
  genCAWithKey: fn(
    ['string', 'int', 'string'],
    ([cn, days, pem], context) =>
      createCertificate(caTemplate(cn, days), withKey(pem as string, context), undefined, context),
    returnsError,
  ),
  genSelfSignedCert: fn(
    ['string', LIST, LIST, 'int'],
    ([cn, ips, names, days], context) => {
      const template = leafTemplate(cn, ips, names, days);
      return createCertificate(template, rsaKey(2048, context), undefined, context);
    },
    returnsError,
  ),
  genSelfSignedCertWithKey: fn(
    ['string', LIST, LIST, 'int', 'string'],
    ([cn, ips, names, days, pem], context) => {
      const key = withKey(pem as string, context);
      return createCertificate(leafTemplate(cn, ips, names, days), key, undefined, context);
    },
    returnsError,
  ),
  genSignedCert: fn(
    ['string', LIST, LIST, 'int', CERT],
    ([cn, ips, names, days, ca], context) => {
      const key = rsaKey(2048, context);
      const signer = caSigner(ca as GoStruct, context);
      return createCertificate(leafTemplate(cn, ips, names, days), key, signer, context);
    },
    returnsError,
  ),
  genSignedCertWithKey: fn(
    ['string', LIST, LIST, 'int', CERT, 'string'],
    ([cn, ips, names, days, ca, pem], context) => {
      const key = withKey(pem as string, context);
      const signer = caSigner(ca as GoStruct, context);
      return createCertificate(leafTemplate(cn, ips, names, days), key, signer, context);
    },
    returnsError,
  ),
};
