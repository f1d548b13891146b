// Batches of messages over a connected socket, framed by frame-codec. One
// write per batch. Back-pressure: while the peer is not reading what we write,
// we stop reading what it sends (each request read would only add a reply to
// the backlog), and resume on 'drain'. A malformed or oversized frame ends
// the connection: the stream cannot be resynchronised.
import { type Socket } from 'node:net';
import { defaultMaxFrameBytes, encodeFrames, FrameDecoder } from './frame-codec';

export interface FramedSocketOptions {
  maxFrameBytes?: number;
}

export class FramedSocket<Incoming, Outgoing> {
  private readonly decoder: FrameDecoder;
  private readonly maxFrameBytes: number;

  constructor(
    readonly socket: Socket,
    onMessages: (messages: Incoming[]) => void,
    options: FramedSocketOptions = {},
  ) {
    this.maxFrameBytes = options.maxFrameBytes ?? defaultMaxFrameBytes;
    this.decoder = new FrameDecoder(this.maxFrameBytes);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      let messages: Incoming[];
      try {
        messages = this.decoder.push(chunk) as Incoming[];
      } catch (error) {
        socket.destroy(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (messages.length > 0) onMessages(messages);
    });
    socket.on('drain', () => socket.resume());
  }

  get writable(): boolean {
    return !this.socket.destroyed && this.socket.writable;
  }

  /** Writes the batch; false when the connection is gone (the message is dropped). */
  send(batch: readonly Outgoing[]): boolean {
    if (!this.writable) return false;
    let buffers: Buffer[];
    try {
      buffers = encodeFrames(batch, this.maxFrameBytes);
    } catch (error) {
      // A message we cannot frame would desynchronise the peer: end the connection instead.
      this.socket.destroy(error instanceof Error ? error : new Error(String(error)));
      return false;
    }
    // Corked: the batch leaves in one writev.
    this.socket.cork();
    let flowing = true;
    for (const buffer of buffers) flowing = this.socket.write(buffer);
    this.socket.uncork();
    if (!flowing) this.socket.pause();
    return true;
  }

  close(): void {
    this.socket.destroy();
  }
}
