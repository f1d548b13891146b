import { Readable } from 'node:stream';
import { BodyBudgetExhaustedError, BodyTooLargeError, ByteBudget, readBoundedBody } from './bounded-body';

function endless(chunkSize: number): Readable & { produced: number } {
  const stream = new Readable({
    read() {
      stream.produced += chunkSize;
      this.push(Buffer.alloc(chunkSize, 0x61));
    },
  }) as Readable & { produced: number };
  stream.produced = 0;
  return stream;
}

describe('readBoundedBody', () => {
  it('reads a body under the limit', async () => {
    await expect(readBoundedBody(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 4)).resolves.toEqual(
      Buffer.from('abcd'),
    );
  });

  it('stops an endless body as soon as it crosses the limit', async () => {
    const stream = endless(64 * 1024);
    await expect(readBoundedBody(stream, 1024 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    // Read stopped near the limit (plus what the stream buffered ahead), not at the end of time.
    expect(stream.produced).toBeLessThan(2 * 1024 * 1024);
    stream.destroy();
  });

  it('shares a byte budget between reads and gives it back', async () => {
    const budget = new ByteBudget(10);
    await expect(readBoundedBody(Readable.from([Buffer.alloc(8)]), 100, budget)).resolves.toHaveLength(8);
    expect(budget.inUse).toBe(0);
    expect(budget.take(5)).toBe(true);
    await expect(readBoundedBody(Readable.from([Buffer.alloc(8)]), 100, budget)).rejects.toBeInstanceOf(
      BodyBudgetExhaustedError,
    );
    expect(budget.inUse).toBe(5);
  });

  it('passes on a failing stream', async () => {
    const stream = new Readable({
      read() {
        this.destroy(new Error('reset'));
      },
    });
    await expect(readBoundedBody(stream, 10)).rejects.toThrow('reset');
  });
});

describe('readBoundedBody with a client that goes away', () => {
  it('rejects when the stream closes before its end', async () => {
    const stream = new Readable({ read() {} });
    const reading = readBoundedBody(stream, 100);
    stream.push(Buffer.from('partial'));
    stream.destroy();
    await expect(reading).rejects.toThrow('aborted');
  });
});
