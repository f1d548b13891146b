// Entry point of a plugin-runner process. It hosts one isolate per loaded
// plugin and answers the kernel's requests: over IPC when the kernel forked
// it, or over the kernel's connection when the runner host (the sidecar)
// forked it and handed that connection over. Started with --no-node-snapshot
// (isolated-vm needs it) and a scrubbed environment.
import { type Socket } from 'node:net';
import { PluginError } from '../errors';
import { type PluginLogLine } from './capabilities/log';
import { HostCallRouter } from './host-call-router';
import { MessageBatcher } from './message-batcher';
import { PluginIsolate } from './plugin-isolate';
import { socketTransportVariable, type RunnerReply, type RunnerRequest } from './runner-protocol';
import { FramedSocket } from './transport/framed-socket';

const plugins = new Map<string, PluginIsolate>();
let kernel: FramedSocket<RunnerRequest, RunnerReply> | undefined;
const outbox = new MessageBatcher<RunnerReply>((batch) => (kernel ? kernel.send(batch) : process.send?.(batch)));

async function handle(request: RunnerRequest): Promise<RunnerReply> {
  switch (request.type) {
    case 'ping':
      return { id: request.id, ok: true, value: null };
    case 'load': {
      plugins.get(request.spec.key)?.dispose();
      const plugin = new PluginIsolate(request.spec, new HostCallRouter());
      const coldStartMs = await plugin.warm();
      plugins.set(request.spec.key, plugin);
      return { id: request.id, ok: true, value: { coldStartMs } };
    }
    case 'unload':
      plugins.get(request.key)?.dispose();
      plugins.delete(request.key);
      return { id: request.id, ok: true, value: null };
    case 'call': {
      const plugin = plugins.get(request.key);
      if (!plugin) throw new PluginError('PLUGIN_NOT_FOUND', 'not loaded in this runner', request.key);
      const value = await plugin.call(request.method, request.inputJson, request.context);
      return { id: request.id, ok: true, value };
    }
  }
}

function reply(request: RunnerRequest): void {
  handle(request).then(
    (answer) => outbox.send(answer),
    (error: unknown) => {
      const logs = (error as { logs?: PluginLogLine[] }).logs;
      if (error instanceof PluginError) {
        outbox.send({ id: request.id, ok: false, code: error.code, message: error.reason, ...(logs ? { logs } : {}) });
      } else {
        const message = error instanceof Error ? error.message : String(error);
        outbox.send({ id: request.id, ok: false, code: 'PLUGIN_CALL_FAILED', message });
      }
    },
  );
}

function receive(batch: RunnerRequest[]): void {
  for (const request of batch) reply(request);
}

// The runner host hands over the kernel's connection (and nothing else) as the first IPC message.
function acceptConnection(_message: unknown, socket: unknown): void {
  if (kernel || !(socket && typeof (socket as Socket).write === 'function')) return;
  kernel = new FramedSocket<RunnerRequest, RunnerReply>(socket as Socket, receive);
  // The kernel closing its connection (or it breaking) ends the runner.
  kernel.socket.on('close', () => process.exit(0));
  kernel.socket.on('error', () => undefined);
  outbox.send({ id: 0, type: 'ready', pid: process.pid });
}

if (process.env[socketTransportVariable] === 'socket') {
  process.on('message', acceptConnection);
} else {
  process.on('message', receive);
  outbox.send({ id: 0, type: 'ready', pid: process.pid });
}
// The parent (kernel or runner host) going away ends the runner.
process.on('disconnect', () => process.exit(0));
