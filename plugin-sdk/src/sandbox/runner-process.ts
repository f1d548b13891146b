// The kernel's handle on one runner process: forks it, matches replies to
// requests, and fails every pending request with PLUGIN_RUNNER_CRASHED when
// the process dies.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { PluginError } from '../errors';
import { MessageBatcher } from './message-batcher';
import { type RunnerReply, type RunnerRequest } from './runner-protocol';

type RequestBody = RunnerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  key: string | undefined;
}

export interface RunnerProcessOptions {
  /** Heap limit of the runner's own (non-isolate) heap. */
  maxOldSpaceMb?: number;
  /** Directories put first on the runner's PATH: where exec finds granted binaries (e.g. a bundled helm). */
  toolDirs?: string[];
}

/**
 * The runner entry: compiled JavaScript next to this file; when running from
 * TypeScript sources (tests, benchmarks), the entry bundled once per process
 * with esbuild into the temp directory, so a runner starts as fast as it
 * would in production and needs no TypeScript loader.
 */
function runnerEntry(): { path: string; env: Record<string, string> } {
  if (!__filename.endsWith('.ts')) return { path: join(__dirname, 'runner-main.js'), env: {} };
  bundledEntry ??= bundleRunnerEntry();
  // isolated-vm stays external (a native addon): the bundle finds it through NODE_PATH.
  return { path: bundledEntry, env: { NODE_PATH: dirname(dirname(require.resolve('isolated-vm/package.json'))) } };
}

let bundledEntry: string | undefined;

function bundleRunnerEntry(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild is only needed when running from sources
  const { buildSync } = require('esbuild') as typeof import('esbuild');
  const result = buildSync({
    entryPoints: [join(__dirname, 'runner-main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    external: ['isolated-vm'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const path = join(tmpdir(), `driftless-runner-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`);
  if (!existsSync(path)) {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, path);
  }
  return path;
}

export class RunnerProcess {
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private readonly outbox: MessageBatcher<RunnerRequest>;
  private nextId = 1;
  private alive = true;
  /** Plugin keys loaded into this process. */
  readonly loaded = new Set<string>();

  constructor(options: RunnerProcessOptions = {}) {
    const entry = runnerEntry();
    this.child = fork(entry.path, [], {
      execArgv: ['--no-node-snapshot', `--max-old-space-size=${options.maxOldSpaceMb ?? 256}`],
      serialization: 'advanced',
      // Nothing of the kernel's environment (tokens, kubeconfig, cloud credentials) reaches plugins.
      env: {
        PATH: [...(options.toolDirs ?? []), process.env.PATH ?? '/usr/bin:/bin'].join(delimiter),
        NODE_ENV: process.env.NODE_ENV ?? 'production',
        TMPDIR: process.env.TMPDIR ?? '/tmp',
        ...entry.env,
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.outbox = new MessageBatcher((batch) => {
      if (this.alive && this.child.connected) this.child.send(batch);
    });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (batch: RunnerReply[]): void => {
        if (batch.some((reply) => 'type' in reply && reply.type === 'ready')) {
          this.child.off('message', onMessage);
          resolve();
        }
      };
      this.child.on('message', onMessage);
      this.child.once('exit', (code, signal) =>
        reject(
          new PluginError(
            'PLUGIN_RUNNER_CRASHED',
            `runner process failed to start (${signal ?? `exit ${String(code)}`})`,
          ),
        ),
      );
    });
    this.ready.catch(() => undefined);
    // A failed fork is reported through 'exit' (and the ready promise); never as an unhandled 'error'.
    this.child.on('error', (error) =>
      process.stderr.write(`driftless: plugin runner process error: ${error.message}\n`),
    );
    this.child.on('message', (batch: RunnerReply[]) => this.receive(batch));
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.alive = false;
        const reason = signal ?? `exit code ${String(code)}`;
        for (const [id, pending] of this.pending) {
          this.pending.delete(id);
          pending.reject(
            new PluginError(
              'PLUGIN_RUNNER_CRASHED',
              `the runner process died (${reason}) during the call; it is being restarted`,
              pending.key,
            ),
          );
        }
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  request<T>(body: RequestBody, key?: string): Promise<T> {
    if (!this.alive) {
      return Promise.reject(new PluginError('PLUGIN_RUNNER_CRASHED', 'the runner process is not running', key));
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject, key });
      this.outbox.send({ ...body, id });
    });
  }

  /** Ends the process; pending requests fail with PLUGIN_RUNNER_CRASHED. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.child.kill(signal);
    return this.exited;
  }

  private receive(batch: RunnerReply[]): void {
    for (const reply of batch) {
      if ('type' in reply) continue;
      const pending = this.pending.get(reply.id);
      if (!pending) continue;
      this.pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.value);
      else
        pending.reject(
          Object.assign(new PluginError(reply.code, reply.message, pending.key), { logs: reply.logs ?? [] }),
        );
    }
  }
}
