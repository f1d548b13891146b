// Messages over a byte stream (the runner socket): each message is one frame,
// a 4-byte big-endian length followed by the message in V8's serialization
// format — what Node's 'advanced' IPC (the fork transport) puts on its pipe,
// so both transports trust and cost the same. JSON was measured first: the
// plugin input and output travel as JSON text, and escaping that text inside
// JSON once more made a 1,000-object call 2-3 ms slower each way. Plain data
// only: the protocol's messages are objects, arrays, strings and numbers.
// The decoder takes chunks as they arrive (a frame may span chunks, a chunk
// may hold many frames) and refuses a frame whose announced length is over
// the limit before buffering any of it.
import { deserialize, serialize } from 'node:v8';

const headerBytes = 4;

/**
 * Room for the biggest input the kernel maxima allow (256 Mi characters of JSON,
 * two bytes a character at worst) and the rest of its message.
 */
export const defaultMaxFrameBytes = 640 * 1024 * 1024;

export class FrameTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`a frame of ${bytes} bytes is over the limit of ${maxBytes} bytes`);
    this.name = 'FrameTooLargeError';
  }
}

/** The frames of `messages`: a header and a body each, to write in one go (writev, no copy). */
export function encodeFrames(messages: readonly unknown[], maxFrameBytes = defaultMaxFrameBytes): Buffer[] {
  const buffers: Buffer[] = [];
  for (const message of messages) {
    const body = serialize(message);
    if (body.length > maxFrameBytes) throw new FrameTooLargeError(body.length, maxFrameBytes);
    const header = Buffer.allocUnsafe(headerBytes);
    header.writeUInt32BE(body.length, 0);
    buffers.push(header, body);
  }
  return buffers;
}

export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Length of the frame being read, once its header is complete. */
  private expected: number | undefined;

  constructor(private readonly maxFrameBytes = defaultMaxFrameBytes) {}

  /** Bytes received but not yet part of a complete frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** The messages completed by `chunk`; throws FrameTooLargeError, or an Error on a frame that does not deserialize. */
  push(chunk: Buffer): unknown[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: unknown[] = [];
    for (;;) {
      if (this.expected === undefined) {
        if (this.buffered < headerBytes) break;
        const length = this.take(headerBytes).readUInt32BE(0);
        if (length > this.maxFrameBytes) throw new FrameTooLargeError(length, this.maxFrameBytes);
        this.expected = length;
      }
      if (this.buffered < this.expected) break;
      const body = this.take(this.expected);
      this.expected = undefined;
      messages.push(deserialize(body));
    }
    return messages;
  }

  /** Removes and returns the first `length` buffered bytes. */
  private take(length: number): Buffer {
    const first = this.chunks[0] as Buffer;
    let taken: Buffer;
    if (first.length >= length) {
      taken = first.subarray(0, length);
      if (first.length === length) this.chunks.shift();
      else this.chunks[0] = first.subarray(length);
    } else {
      const joined = Buffer.concat(this.chunks, this.buffered);
      taken = joined.subarray(0, length);
      this.chunks = joined.length > length ? [joined.subarray(length)] : [];
    }
    this.buffered -= length;
    return taken;
  }
}
