// Sprig's password and symmetric crypto helpers: bcrypt/htpasswd (cost 10,
// "$2a$" like Go's x/crypto), derivePassword (the Master Password algorithm:
// scrypt then HMAC-SHA256) and encryptAES/decryptAES (AES-256-CBC, key =
// password bytes zero-padded to 32, random IV prepended, base64).
import { cbc } from '@noble/ciphers/aes.js';
import { genSaltSync, hashSync } from 'bcryptjs';
import { hmac } from '@noble/hashes/hmac.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fn, GoError, type FuncMap } from '../exec/function';
import { own, utf8Decode, utf8Encode } from '../values/types';

const MASTER_PASSWORD_SEED = 'com.lyndir.masterpassword';
/** Range-iteration units one derivePassword call uses up (the default budget allows 20 calls). */
const DERIVE_PASSWORD_COST = 50_000;
/** A cost-10 bcrypt takes about a tenth of a second. */
const BCRYPT_COST = 20_000;

function bcrypt(input: string): string {
  // Go writes the "$2a$" prefix; the algorithm is the same as bcryptjs's "$2b$".
  return hashSync(input, genSaltSync(10)).replace(/^\$2b\$/, '$2a$');
}

const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const TEMPLATE_CHARACTERS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function uint32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0);
  return bytes;
}

function derivePassword(counter: number, passwordType: string, password: string, user: string, site: string): string {
  const templates = own(PASSWORD_TEMPLATES, passwordType);
  if (templates === undefined) return `cannot find password template ${passwordType}`;
  const seed = utf8Encode(MASTER_PASSWORD_SEED);
  const userBytes = utf8Encode(user);
  const salt = concatBytes(seed, uint32(userBytes.length), userBytes);
  const key = scrypt(utf8Encode(password), salt, { N: 32768, r: 8, p: 2, dkLen: 64 });
  const siteBytes = utf8Encode(site);
  const digest = hmac(sha256, key, concatBytes(seed, uint32(siteBytes.length), siteBytes, uint32(counter)));
  const template = templates[digest[0]! % templates.length]!;
  return [...template]
    .map((element, i) => {
      const characters = TEMPLATE_CHARACTERS[element]!;
      return characters[digest[i + 1]! % characters.length]!;
    })
    .join('');
}

function aesKey(password: string): Uint8Array {
  const key = new Uint8Array(32);
  key.set(utf8Encode(password).subarray(0, 32));
  return key;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const invalid = /[^A-Za-z0-9+/=]/.exec(text);
  if (invalid !== null || text.length % 4 !== 0) {
    throw new GoError(`illegal base64 data at input byte ${invalid?.index ?? text.length - (text.length % 4)}`);
  }
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const content = utf8Encode(plaintext);
  const padding = 16 - (content.length % 16);
  const padded = concatBytes(content, new Uint8Array(padding).fill(padding));
  const iv = new Uint8Array(16);
  crypto.getRandomValues(iv);
  const encrypted = cbc(aesKey(password), iv, { disablePadding: true }).encrypt(padded);
  return toBase64(concatBytes(iv, encrypted));
}

function decryptAES(password: string, encoded: string): string {
  if (encoded === '') return '';
  const data = fromBase64(encoded);
  if (data.length < 16)
    throw new GoError(`runtime error: slice bounds out of range [:16] with capacity ${data.length}`);
  const body = data.subarray(16);
  if (body.length % 16 !== 0) throw new GoError('crypto/cipher: input not full blocks');
  if (body.length === 0) throw new GoError('runtime error: index out of range [-1]');
  const decrypted = cbc(aesKey(password), data.subarray(0, 16), { disablePadding: true }).decrypt(body);
  const end = decrypted.length - decrypted[decrypted.length - 1]!;
  if (end < 0) throw new GoError(`runtime error: slice bounds out of range [:${end}]`);
  return utf8Decode(decrypted.subarray(0, end));
}

export const cryptoFuncs: FuncMap = {
  bcrypt: fn(['string'], ([input], context) => {
    context.charge(BCRYPT_COST);
    return bcrypt(input as string);
  }),
  htpasswd: fn(['string', 'string'], ([user, password], context) => {
    if ((user as string).includes(':')) return `invalid username: ${user as string}`;
    context.charge(BCRYPT_COST);
    return `${user as string}:${bcrypt(password as string)}`;
  }),
  derivePassword: fn(
    ['uint32', 'string', 'string', 'string', 'string'],
    ([counter, type, password, user, site], context) => {
      // scrypt costs about a quarter second: count each call as many range turns so a loop stays bounded.
      context.charge(DERIVE_PASSWORD_COST);
      return derivePassword(counter as number, type as string, password as string, user as string, site as string);
    },
  ),
  encryptAES: fn(['string', 'string'], ([password, text]) => encryptAES(password as string, text as string), {
    returnsError: true,
  }),
  decryptAES: fn(['string', 'string'], ([password, text]) => decryptAES(password as string, text as string), {
    returnsError: true,
  }),
};
