import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FramedSocket } from './framed-socket';

describe('framed socket', () => {
  let dir: string;
  let server: Server;
  let accepted: Promise<Socket>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'driftless-framed-'));
    server = createServer();
    accepted = once(server, 'connection').then(([socket]) => socket as Socket);
    server.listen(join(dir, 'test.sock'));
    await once(server, 'listening');
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers batches in order, large ones through back-pressure', async () => {
    const received: unknown[] = [];
    const client = new FramedSocket<unknown, unknown>(connect(join(dir, 'test.sock')), () => undefined);
    const done = new Promise<void>((resolve) => {
      void accepted.then((socket) => {
        new FramedSocket<{ id: number }, unknown>(socket, (batch) => {
          received.push(...batch);
          if (received.length === 2_000) resolve();
        });
      });
    });
    // 2,000 messages of 16 KiB: far more than a socket buffer holds at once.
    for (let batch = 0; batch < 20; batch += 1) {
      client.send(Array.from({ length: 100 }, (_, index) => ({ id: batch * 100 + index, pad: 'x'.repeat(16_384) })));
    }
    await done;
    expect(received.map((message) => (message as { id: number }).id)).toEqual(
      Array.from({ length: 2_000 }, (_, id) => id),
    );
    client.close();
  });

  it('ends the connection when the peer announces an oversized frame', async () => {
    const raw = connect(join(dir, 'test.sock'));
    const socket = await accepted;
    const messages: unknown[] = [];
    new FramedSocket(socket, (batch) => messages.push(...batch), { maxFrameBytes: 1024 });
    const errors: Error[] = [];
    socket.on('error', (error) => errors.push(error));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const header = Buffer.alloc(4);
    header.writeUInt32BE(1_000_000, 0);
    raw.write(header);
    await closed;
    expect(messages).toEqual([]);
    expect(errors.map((error) => error.message)).toEqual(['a frame of 1000000 bytes is over the limit of 1024 bytes']);
    raw.destroy();
  });
});
