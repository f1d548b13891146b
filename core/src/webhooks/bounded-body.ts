// Reads a request body into memory with a cap: the read stops the moment the
// cap is crossed (even for a chunked body that never ends), and a byte budget
// shared by every read in flight keeps many large bodies at once from adding up.
import { type Readable } from 'node:stream';

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the body is larger than ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export class BodyBudgetExhaustedError extends Error {
  constructor() {
    super('too many webhook bodies are being received at once');
    this.name = 'BodyBudgetExhaustedError';
  }
}

/** Bytes that reads in flight may hold together. */
export class ByteBudget {
  private used = 0;
  constructor(readonly totalBytes: number) {}

  take(bytes: number): boolean {
    if (this.used + bytes > this.totalBytes) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}

/**
 * The whole body, or a rejection: BodyTooLargeError past `limitBytes`, BodyBudgetExhaustedError
 * when the shared budget is spent, the stream's error if it fails. On rejection the stream is
 * paused and left to the caller (answer, then destroy it).
 */
export function readBoundedBody(stream: Readable, limitBytes: number, budget?: ByteBudget): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (error?: Error) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('aborted', onAborted);
      stream.off('close', onAborted);
      budget?.release(received);
      if (error) {
        stream.pause();
        chunks.length = 0;
        reject(error);
      } else resolve(Buffer.concat(chunks, received));
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (received + buffer.length > limitBytes) return finish(new BodyTooLargeError(limitBytes));
      if (budget && !budget.take(buffer.length)) return finish(new BodyBudgetExhaustedError());
      received += buffer.length;
      chunks.push(buffer);
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(error);
    const onAborted = () => finish(new Error('the client aborted the request'));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('aborted', onAborted);
    // A client that goes away mid-body: 'close' without 'end'.
    stream.on('close', onAborted);
  });
}
