import { encodeFrames, FrameDecoder, FrameTooLargeError } from './frame-codec';

function header(length: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(length, 0);
  return buffer;
}

describe('frame codec', () => {
  const messages = [{ id: 1, type: 'ping' }, { text: 'grüße 👋', list: [1, 2, 3] }, null, 'plain'];

  it('decodes frames delivered one byte at a time (a header or a character split across chunks)', () => {
    const bytes = Buffer.concat(encodeFrames(messages));
    const decoder = new FrameDecoder();
    const decoded: unknown[] = [];
    for (let index = 0; index < bytes.length; index += 1)
      decoded.push(...decoder.push(bytes.subarray(index, index + 1)));
    expect(decoded).toEqual(messages);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('decodes many frames in one chunk, in order, and keeps a trailing partial frame for later', () => {
    const many = Array.from({ length: 10_000 }, (_, id) => ({ id, ok: true, value: 'x'.repeat(id % 50) }));
    const bytes = Buffer.concat(encodeFrames(many));
    const decoder = new FrameDecoder();
    const first = decoder.push(bytes.subarray(0, bytes.length - 3));
    expect(first).toEqual(many.slice(0, -1));
    expect(decoder.pendingBytes).toBeGreaterThan(0);
    expect(decoder.push(bytes.subarray(bytes.length - 3))).toEqual(many.slice(-1));
  });

  it('refuses a frame announced over the limit from its header alone', () => {
    const decoder = new FrameDecoder(1024);
    expect(() => decoder.push(header(1025))).toThrow(FrameTooLargeError);
    expect(() => new FrameDecoder(1024).push(Buffer.concat([header(1024), Buffer.alloc(10)]))).not.toThrow();
  });

  it('refuses to encode a message over the limit', () => {
    expect(() => encodeFrames([{ big: 'x'.repeat(2_000) }], 1024)).toThrow(/over the limit of 1024 bytes/);
  });

  it('fails on a frame that does not deserialize', () => {
    const body = Buffer.from('{not a serialized value');
    expect(() => new FrameDecoder().push(Buffer.concat([header(body.length), body]))).toThrow();
  });
});
