// A small DER (ASN.1) writer and reader for the certificate functions: just the
// universal types X.509 and the private-key formats use, definite lengths only.

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** A malformed encoding; callers turn it into the Go message that fits. */
export class DerError extends Error {}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concat(content);
  return concat([Uint8Array.of(tag), encodeLength(body.length), body]);
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, ...items);
export const set = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SET, ...items);
export const octetString = (bytes: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, bytes);
export const nullValue = (): Uint8Array => Uint8Array.of(TAG.NULL, 0);
/** A BIT STRING of whole bytes. */
export const bitString = (bytes: Uint8Array, unusedBits = 0): Uint8Array =>
  tlv(TAG.BIT_STRING, Uint8Array.of(unusedBits), bytes);
/** Context-specific constructed ([n] EXPLICIT) wrapper. */
export const explicit = (n: number, ...content: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...content);
export const boolean = (value: boolean): Uint8Array => Uint8Array.of(TAG.BOOLEAN, 1, value ? 0xff : 0);

export function bigintToBytes(value: bigint, length = 0): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const bytes = new Uint8Array(Math.max(length, hex.length / 2));
  const offset = bytes.length - hex.length / 2;
  for (let i = 0; i < hex.length / 2; i++) bytes[offset + i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/** A non-negative INTEGER (minimal two's complement). */
export function integer(value: bigint | number): Uint8Array {
  const v = BigInt(value);
  if (v < 0n) throw new DerError('negative integers are not written');
  let bytes = v === 0n ? Uint8Array.of(0) : bigintToBytes(v);
  if (bytes[0]! & 0x80) bytes = concat([Uint8Array.of(0), bytes]);
  return tlv(TAG.INTEGER, bytes);
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number);
  const body: number[] = [parts[0]! * 40 + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [];
    let rest = part;
    do {
      chunk.unshift((rest & 0x7f) | (chunk.length > 0 ? 0x80 : 0));
      rest = Math.floor(rest / 128);
    } while (rest > 0);
    body.push(...chunk);
  }
  return tlv(TAG.OID, Uint8Array.from(body));
}

/** One decoded element: tag, content and the whole encoding. */
export interface Element {
  tag: number;
  content: Uint8Array;
  raw: Uint8Array;
}

/** Reads the element at `offset`; returns it and the offset after it. */
export function readElement(data: Uint8Array, offset = 0): [Element, number] {
  if (offset + 2 > data.length) throw new DerError('data truncated');
  const tag = data[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high-tag-number form not supported');
  let length = data[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new DerError('indefinite or oversized length');
    if (start + count > data.length) throw new DerError('data truncated');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + data[start + i]!;
    if (length < 0x80 || data[start] === 0) throw new DerError('non-minimal length');
    start += count;
  }
  const end = start + length;
  if (end > data.length) throw new DerError('data truncated');
  return [{ tag, content: data.subarray(start, end), raw: data.subarray(offset, end) }, end];
}

/** The elements inside a constructed element's content. */
export function children(content: Uint8Array): Element[] {
  const out: Element[] = [];
  for (let offset = 0; offset < content.length;) {
    const [element, next] = readElement(content, offset);
    out.push(element);
    offset = next;
  }
  return out;
}

/** Decodes exactly one element filling `data`. */
export function decodeOne(data: Uint8Array, tag?: number): Element {
  const [element, end] = readElement(data);
  if (end !== data.length) throw new DerError('trailing data');
  if (tag !== undefined) expectTag(element, tag);
  return element;
}

export function expectTag(element: Element | undefined, tag: number): Element {
  if (element === undefined) throw new DerError('sequence truncated');
  if (element.tag !== tag) throw new DerError(`tags don't match (${tag} vs ${element.tag})`);
  return element;
}

export function readInteger(element: Element | undefined): bigint {
  const { content } = expectTag(element, TAG.INTEGER);
  if (content.length === 0) throw new DerError('empty integer');
  if (
    content.length > 1 &&
    ((content[0] === 0 && !(content[1]! & 0x80)) || (content[0] === 0xff && content[1]! & 0x80))
  )
    throw new DerError('integer not minimally-encoded');
  const magnitude = bytesToBigint(content);
  return content[0]! & 0x80 ? magnitude - (1n << BigInt(content.length * 8)) : magnitude;
}

export function readOid(element: Element | undefined): string {
  const { content } = expectTag(element, TAG.OID);
  if (content.length === 0) throw new DerError('zero length OBJECT IDENTIFIER');
  const parts: number[] = [];
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    value = value * 128 + (content[i]! & 0x7f);
    if (!(content[i]! & 0x80)) {
      parts.push(value);
      value = 0;
    } else if (i === content.length - 1) throw new DerError('truncated base 128 integer');
  }
  const first = parts.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

/** The bytes of a BIT STRING with no unused bits. */
export function readBitString(element: Element | undefined): Uint8Array {
  const { content } = expectTag(element, TAG.BIT_STRING);
  if (content.length === 0 || content[0] !== 0) throw new DerError('invalid BIT STRING');
  return content.subarray(1);
}
