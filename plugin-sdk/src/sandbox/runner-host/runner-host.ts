// The plugin runner host (`driftless plugin-runner-host`): runs in the
// plugin-runners sidecar, a container without the pod's service-account
// token, and starts runners there for the kernel. Each connection to its Unix
// socket gets a runner process of its own, forked from this package's runner
// entry (never anything the peer names) and handed the connection: the kernel
// then talks to the runner directly, and a runner that dies closes it, which
// the kernel sees as PLUGIN_RUNNER_CRASHED. Who may connect is decided by the
// socket file's mode, in a directory only the kernel's container shares.
import { type ChildProcess } from 'node:child_process';
import { chmod, lstat, unlink } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { forkRunner, type RunnerProcessOptions } from '../runner-entry';

export interface RunnerHostOptions extends RunnerProcessOptions {
  socketPath: string;
  /** Mode of the socket file: 0o600 (same user only, the default) or 0o660 (and the group). */
  socketMode?: number;
  /** Most runners alive at once; a connection beyond that is closed (default 64). */
  maxRunners?: number;
  /** Where the host says what it does (a runner ending, a refused connection). */
  log?: (line: string) => void;
}

export class RunnerHost {
  private readonly runners = new Set<ChildProcess>();
  private closing = false;

  private constructor(
    private readonly server: Server,
    private readonly options: RunnerHostOptions,
  ) {}

  /** Listens on the socket (replacing a stale socket file, never another kind of file). */
  static async listen(options: RunnerHostOptions): Promise<RunnerHost> {
    await removeStaleSocket(options.socketPath);
    // pauseOnConnect: nothing is read here; the runner reads the connection from its first byte.
    const server = createServer({ pauseOnConnect: true });
    const host = new RunnerHost(server, options);
    server.on('connection', (socket) => host.accept(socket));
    // Created owner-only, so no one else can connect before the chmod below.
    const previousUmask = process.umask(0o177);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.socketPath, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } finally {
      process.umask(previousUmask);
    }
    await chmod(options.socketPath, options.socketMode ?? 0o600);
    return host;
  }

  /** Runners alive now. */
  get runnerCount(): number {
    return this.runners.size;
  }

  /** Stops accepting connections and ends every runner (their kernel connections close). */
  async close(): Promise<void> {
    this.closing = true;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all(
      [...this.runners].map(
        (runner) =>
          new Promise<void>((resolve) => {
            if (runner.exitCode !== null || runner.signalCode !== null) return resolve();
            runner.once('exit', () => resolve());
            runner.kill('SIGTERM');
          }),
      ),
    );
  }

  private accept(socket: Socket): void {
    const log = this.options.log ?? (() => undefined);
    const maxRunners = this.options.maxRunners ?? 64;
    if (this.closing || this.runners.size >= maxRunners) {
      log(`refused a connection: ${this.closing ? 'stopping' : `already ${maxRunners} runners`}`);
      socket.destroy();
      return;
    }
    const runner = forkRunner(this.options, 'socket');
    this.runners.add(runner);
    runner.on('error', (error) => log(`runner process error: ${error.message}`));
    runner.once('exit', (code, signal) => {
      this.runners.delete(runner);
      if (!this.closing && (signal !== null || code !== 0)) {
        log(`runner ${String(runner.pid)} ended (${signal ?? `exit code ${String(code)}`})`);
      }
    });
    // The connection moves to the runner; this process no longer holds it.
    runner.send({ type: 'connection' }, socket, (error) => {
      if (error) {
        log(`could not hand a connection to runner ${String(runner.pid)}: ${error.message}`);
        socket.destroy();
        runner.kill('SIGKILL');
      }
    });
  }
}

async function removeStaleSocket(path: string): Promise<void> {
  const existing = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!existing) return;
  if (!existing.isSocket()) throw new Error(`${path} exists and is not a socket; remove it or choose another path`);
  await unlink(path);
}
