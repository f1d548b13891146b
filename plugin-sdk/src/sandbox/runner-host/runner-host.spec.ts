import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunnerHost } from './runner-host';

describe('RunnerHost.listen', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'driftless-runner-host-'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates the socket owner-only by default, or group-writable when asked', async () => {
    const socketPath = join(dir, 'runners.sock');
    const host = await RunnerHost.listen({ socketPath });
    expect((await stat(socketPath)).mode & 0o777).toBe(0o600);
    await host.close();
    const shared = await RunnerHost.listen({ socketPath, socketMode: 0o660 });
    expect((await stat(socketPath)).mode & 0o777).toBe(0o660);
    await shared.close();
  });

  it('replaces a stale socket left by a previous run', async () => {
    const socketPath = join(dir, 'runners.sock');
    // A host that was killed leaves its socket file behind.
    const killed = spawnSync(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(socketPath)}, () => process.kill(process.pid, 'SIGKILL'))`,
    ]);
    expect(killed.signal).toBe('SIGKILL');
    expect((await stat(socketPath)).isSocket()).toBe(true);
    const host = await RunnerHost.listen({ socketPath });
    expect(host.runnerCount).toBe(0);
    await host.close();
  });

  it('refuses a path that is not a socket', async () => {
    const socketPath = join(dir, 'important.conf');
    await writeFile(socketPath, 'keep me');
    await expect(RunnerHost.listen({ socketPath })).rejects.toThrow(/exists and is not a socket/);
  });
});
