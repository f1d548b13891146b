// A runner forked by this process, over Node IPC: the default, and the only
// transport in local mode.
import { forkRunner, type RunnerProcessOptions } from '../runner-entry';
import { type RunnerReply, type RunnerRequest } from '../runner-protocol';
import { type RunnerChannel } from './runner-channel';

export function forkChannel(options: RunnerProcessOptions): RunnerChannel {
  const child = forkRunner(options);
  // A failed fork is reported through 'exit'; never as an unhandled 'error'.
  child.on('error', (error) => process.stderr.write(`driftless: plugin runner process error: ${error.message}\n`));
  const ended = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit code ${String(code)}`)),
  );
  return {
    send: (batch: RunnerRequest[]) => {
      if (child.connected) child.send(batch);
    },
    onReplies: (listener: (batch: RunnerReply[]) => void) => child.on('message', listener),
    ended,
    get pid() {
      return child.pid;
    },
    end: (signal) => {
      child.kill(signal);
    },
  };
}
