// A minimal protobuf wire-format reader: enough to walk the messages kubectl's
// typed clients send (varints, length-delimited fields, fixed 32/64-bit).
export interface WireField {
  number: number;
  wireType: 0 | 1 | 2 | 5;
  /** Varint or fixed value (wire types 0, 1, 5). */
  value?: bigint;
  /** Payload of a length-delimited field (wire type 2). */
  bytes?: Uint8Array;
}

export class ProtobufError extends Error {}

function readVarint(buffer: Uint8Array, offset: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  let position = offset;
  for (;;) {
    if (position >= buffer.length) throw new ProtobufError('truncated varint');
    const byte = buffer[position] ?? 0;
    position += 1;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, position];
    shift += 7n;
    if (shift > 63n) throw new ProtobufError('varint too long');
  }
}

function readFixed(buffer: Uint8Array, offset: number, size: number): bigint {
  if (offset + size > buffer.length) throw new ProtobufError('truncated fixed field');
  let value = 0n;
  for (let index = size - 1; index >= 0; index -= 1) value = (value << 8n) | BigInt(buffer[offset + index] ?? 0);
  return value;
}

export function readFields(buffer: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [key, afterKey] = readVarint(buffer, offset);
    offset = afterKey;
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (wireType === 0) {
      const [value, next] = readVarint(buffer, offset);
      fields.push({ number, wireType, value });
      offset = next;
    } else if (wireType === 2) {
      const [length, next] = readVarint(buffer, offset);
      const end = next + Number(length);
      if (end > buffer.length) throw new ProtobufError('truncated length-delimited field');
      fields.push({ number, wireType, bytes: buffer.subarray(next, end) });
      offset = end;
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      fields.push({ number, wireType, value: readFixed(buffer, offset, size) });
      offset += size;
    } else {
      throw new ProtobufError(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}
