// The kernel's handle on one runner process: starts it (forked here, or in the
// plugin-runners sidecar through its socket), matches replies to requests, and
// fails every pending request with PLUGIN_RUNNER_CRASHED when the runner ends.
import { PluginError } from '../errors';
import { MessageBatcher } from './message-batcher';
import { type RunnerProcessOptions } from './runner-entry';
import { type RunnerReply, type RunnerRequest } from './runner-protocol';
import { forkChannel } from './transport/fork-channel';
import { type RunnerChannel } from './transport/runner-channel';
import { socketChannel } from './transport/socket-channel';

export { type RunnerProcessOptions } from './runner-entry';

type RequestBody = RunnerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  key: string | undefined;
}

export interface RunnerTransportOptions extends RunnerProcessOptions {
  /**
   * The plugin runner host's Unix socket (`driftless plugin-runner-host`): runners
   * then live in that process's container, not as children of this one.
   */
  runnerSocket?: string;
}

export class RunnerProcess {
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  private readonly channel: RunnerChannel;
  private readonly pending = new Map<number, Pending>();
  private readonly outbox: MessageBatcher<RunnerRequest>;
  private nextId = 1;
  private alive = true;
  /** Plugin keys loaded into this process. */
  readonly loaded = new Set<string>();

  constructor(options: RunnerTransportOptions = {}) {
    this.channel = options.runnerSocket ? socketChannel(options.runnerSocket) : forkChannel(options);
    this.outbox = new MessageBatcher((batch) => {
      if (this.alive) this.channel.send(batch);
    });
    let started = false;
    this.ready = new Promise((resolve, reject) => {
      this.channel.onReplies((batch) => {
        if (!started && batch.some((reply) => 'type' in reply && reply.type === 'ready')) {
          started = true;
          resolve();
        }
      });
      void this.channel.ended.then((reason) =>
        reject(new PluginError('PLUGIN_RUNNER_CRASHED', `runner process failed to start (${reason})`)),
      );
    });
    this.ready.catch(() => undefined);
    this.channel.onReplies((batch) => this.receive(batch));
    this.exited = this.channel.ended.then((reason) => {
      this.alive = false;
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
    });
  }

  get pid(): number | undefined {
    return this.channel.pid;
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
    if (this.alive) this.channel.end(signal);
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
