// Child process of the controller benchmark: the controller role as it is
// deployed — the compiled kernel (`npm run build`), no TypeScript loader — so
// its memory is the controller's own. It reports every finished refresh to
// the parent (batched every 100 ms, so reporting does not load the event
// loop it measures) and answers requests for a full pass, event-loop lag (with
// the garbage collector's pauses over the same window), memory after garbage
// collection and a heap snapshot.
'use strict';
const { monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');
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
  let gc;
  let gcPauses = { count: 0, ms: 0 };
  process.on('message', (message) => {
    if (message.type === 'refreshAll') void controller.refreshAll('full');
    else if (message.type === 'refreshOne') void controller.requestRefresh(message.appKey);
    else if (message.type === 'lag-start') {
      lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      gcPauses = { count: 0, ms: 0 };
      gc = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          gcPauses.count += 1;
          gcPauses.ms += entry.duration;
        }
      });
      gc.observe({ entryTypes: ['gc'] });
    } else if (message.type === 'lag-stop') {
      lag.disable();
      gc.disconnect();
      process.send({
        type: 'lag',
        p99Ms: lag.percentile(99) / 1e6,
        maxMs: lag.max / 1e6,
        gcCount: gcPauses.count,
        gcMs: gcPauses.ms,
      });
    } else if (message.type === 'memory') {
      global.gc();
      global.gc();
      process.send({ type: 'memory', ...process.memoryUsage() });
    } else if (message.type === 'heap-snapshot') {
      // Where the memory goes: a snapshot file for Chrome DevTools (large: about twice the heap).
      process.send({ type: 'heap-snapshot', path: require('node:v8').writeHeapSnapshot(message.path) });
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
