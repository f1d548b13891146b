// The link between the kernel's RunnerProcess handle and one runner: a forked
// child over Node IPC (local mode, development) or a runner in the
// plugin-runners sidecar over its Unix socket. Both carry the same batches of
// runner-protocol messages.
import { type RunnerReply, type RunnerRequest } from '../runner-protocol';

export interface RunnerChannel {
  /** Sends one batch; dropped when the runner is gone (its end fails the pending requests). */
  send(batch: RunnerRequest[]): void;
  onReplies(listener: (batch: RunnerReply[]) => void): void;
  /** Resolves once, when the runner is gone, with why (a signal, an exit code, a refused connection). */
  readonly ended: Promise<string>;
  /** The runner's process id, once known. */
  readonly pid: number | undefined;
  /** Ends the runner (forked: a signal; socket: closing the connection, which ends the remote runner). */
  end(signal: NodeJS.Signals): void;
}
