// Entry point of a plugin-runner process. It hosts one isolate per loaded
// plugin and answers the kernel's requests over IPC. Started by RunnerProcess
// with --no-node-snapshot (isolated-vm needs it) and a scrubbed environment.
import { PluginError } from '../errors';
import { type PluginLogLine } from './capabilities/log';
import { HostCallRouter } from './host-call-router';
import { MessageBatcher } from './message-batcher';
import { PluginIsolate } from './plugin-isolate';
import { type RunnerReply, type RunnerRequest } from './runner-protocol';

const plugins = new Map<string, PluginIsolate>();
const outbox = new MessageBatcher<RunnerReply>((batch) => process.send?.(batch));

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

process.on('message', (batch: RunnerRequest[]) => {
  for (const request of batch) reply(request);
});
// The kernel going away ends the runner.
process.on('disconnect', () => process.exit(0));
outbox.send({ id: 0, type: 'ready', pid: process.pid });
