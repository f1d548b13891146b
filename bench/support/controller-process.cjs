// Child process of the controller benchmark: the controller role as it is
// deployed — the compiled kernel (`npm run build`), no TypeScript loader — so
// its memory is the controller's own. It reports every finished refresh to
// the parent (batched every 100 ms, so reporting does not load the event
// loop it measures) and answers requests for a full pass, event-loop lag and
// memory after garbage collection.
'use strict';
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { KubeConfig } = require('@kubernetes/client-node');
const { loadConfig } = require('../../core/dist/config/config.schema.js');
const { startKernel } = require('../../core/dist/kernel/start-kernel.js');
const { describeConnection } = require('../../core/dist/kube/cluster-connection.js');
const { AppController } = require('../../core/dist/controller/app-controller.service.js');

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(options.kubeconfig);
  const kernel = await startKernel({
    config: loadConfig(options.env),
    cluster: describeConnection(kubeConfig, 'kubeconfig'),
    roles: ['controller'],
    address: '127.0.0.1',
    port: 0,
  });
  const controller = kernel.app.get(AppController);
  let pending = [];
  controller.onRefreshed((event) =>
    pending.push([event.appKey, event.work, event.syncStatus ?? '', event.seconds, Date.now()]),
  );
  setInterval(() => {
    if (pending.length === 0) return;
    process.send({ type: 'refreshed', events: pending });
    pending = [];
  }, 100).unref();

  let lag;
  process.on('message', (message) => {
    if (message.type === 'refreshAll') void controller.refreshAll('full');
    else if (message.type === 'refreshOne') void controller.requestRefresh(message.appKey);
    else if (message.type === 'lag-start') {
      lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
    } else if (message.type === 'lag-stop') {
      lag.disable();
      process.send({ type: 'lag', p99Ms: lag.percentile(99) / 1e6, maxMs: lag.max / 1e6 });
    } else if (message.type === 'memory') {
      global.gc();
      global.gc();
      process.send({ type: 'memory', ...process.memoryUsage() });
    } else if (message.type === 'stop') {
      void kernel.stop().then(() => process.exit(0));
    }
  });
  process.send({ type: 'ready' });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
