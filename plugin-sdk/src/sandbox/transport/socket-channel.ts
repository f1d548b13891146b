// A runner in the plugin-runners sidecar: one connection to the runner host's
// Unix socket is one runner process there (the host forks it and hands it the
// connection). The connection closing is the runner ending, whatever the
// cause: a crash, the host going away, or this side closing it.
import { connect } from 'node:net';
import { type RunnerReply, type RunnerRequest } from '../runner-protocol';
import { FramedSocket } from './framed-socket';
import { type RunnerChannel } from './runner-channel';

export function socketChannel(socketPath: string): RunnerChannel {
  const socket = connect(socketPath);
  const listeners: ((batch: RunnerReply[]) => void)[] = [];
  let pid: number | undefined;
  let failure: string | undefined;
  const framed = new FramedSocket<RunnerReply, RunnerRequest>(socket, (batch) => {
    for (const reply of batch) if ('type' in reply && reply.type === 'ready') pid = reply.pid;
    for (const listener of listeners) listener(batch);
  });
  socket.on('error', (error: NodeJS.ErrnoException) => {
    failure ??= describeFailure(error, socketPath, socket.connecting || pid === undefined);
  });
  const ended = new Promise<string>((resolve) =>
    socket.once('close', () => resolve(failure ?? 'the runner closed its connection')),
  );
  return {
    send: (batch) => void framed.send(batch),
    onReplies: (listener) => listeners.push(listener),
    ended,
    get pid() {
      return pid;
    },
    end: () => framed.close(),
  };
}

function describeFailure(error: NodeJS.ErrnoException, socketPath: string, beforeReady: boolean): string {
  if (beforeReady && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED' || error.code === 'EACCES')) {
    return `the plugin runner host at ${socketPath} is not reachable (${error.code}); is the plugin-runners container running?`;
  }
  return `the connection to the runner failed (${error.code ?? error.message})`;
}
