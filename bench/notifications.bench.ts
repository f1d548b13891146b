// Notifications at scale: one controller pass per app (subscriptions, the 8 catalog triggers, the
// dedup state, rendering the catalog templates) for APPS apps changing state at once, and delivery
// throughput through BullMQ, the sandboxed webhook notifier and a loopback receiver for as many
// notifications. NOTIFY_BENCH_APPS sets APPS (default 1,000; the figure is 10,000).
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { loadConfig } from '../core/src/config/config.schema';
import { MetricsService } from '../core/src/metrics/metrics.service';
import { catalogConfigMapData } from '../core/src/notifications/catalog/catalog-templates';
import { type AppEvents } from '../core/src/notifications/controller/app-events';
import { planAppPass, type KubeResource, type PlannedDelivery } from '../core/src/notifications/controller/plan-app';
import { parseNotificationConfig } from '../core/src/notifications/config/notification-config';
import { NotificationDelivery, queueNameFor } from '../core/src/notifications/delivery/notification-delivery';
import { NotifierRunner } from '../core/src/notifications/delivery/notifier-runner';
import { NotificationMetrics } from '../core/src/notifications/notification-metrics';
import { NotificationRenderer } from '../core/src/notifications/render/render-notification';
import { defaultBuiltinsDir } from '../core/src/plugins/builtin-discovery';
import { PluginHost } from '../core/src/plugins/plugin-host.service';
import { PluginMetrics } from '../core/src/plugins/plugin-metrics.service';
import { RedisConnections } from '../core/src/redis/redis-connections.service';
import { round, type BenchmarkResult } from './benchmark';

const APPS = Number(process.env.NOTIFY_BENCH_APPS ?? 1000);

function app(index: number): KubeResource {
  const revision = `4f2a9c1e0d7b8a6f5e4d3c2b1a0f9e8d7c6b${String(index).padStart(4, '0')}`;
  return {
    metadata: {
      name: `app-${index}`,
      namespace: 'argocd',
      uid: `uid-${index}`,
      resourceVersion: '1',
      annotations: {
        'notifications.argoproj.io/subscribe.slack': 'deployments',
        'notifications.argoproj.io/subscribe.on-sync-failed.hook': '',
      },
    },
    spec: { project: 'default', source: { repoURL: 'https://github.com/example/guestbook.git' } },
    status: {
      sync: { status: 'Synced', revision },
      health: { status: 'Healthy', lastTransitionTime: new Date(Date.now() - 30_000).toISOString() },
      operationState: {
        phase: 'Succeeded',
        startedAt: new Date(Date.now() - 90_000).toISOString(),
        finishedAt: new Date(Date.now() - 60_000).toISOString(),
        syncResult: { revision },
      },
    },
  } as KubeResource;
}

export default async function benchmark(): Promise<BenchmarkResult[]> {
  const results: BenchmarkResult[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200).end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let received = 0;
  server.on('request', () => (received += 1));

  const config = parseNotificationConfig({
    ...catalogConfigMapData(),
    defaultTriggers: '[on-created, on-deployed, on-sync-succeeded, on-sync-failed, on-health-degraded]',
    'service.slack': 'token: xoxb\n',
    'service.webhook.hook': `url: http://127.0.0.1:${port}/hook\n`,
    'template.app-sync-succeeded': `${catalogConfigMapData()['template.app-sync-succeeded']}webhook:\n  hook:\n    method: POST\n    body: '{"app": "{{.app.metadata.name}}"}'\n`,
    'driftless.http.networks': 'loopback',
    'driftless.rateLimit': '100000/1s',
    context: 'argocdUrl: https://cd.example.com\n',
  });
  const renderer = new NotificationRenderer();
  const served = new Set(['slack', 'webhook']);
  const apps = Array.from({ length: APPS }, (_, index) => app(index));
  // Warm-up on other apps (JIT, template parse cache), so the figure is the steady cost.
  for (let index = 0; index < 200; index += 1)
    planAppPass({ config, app: app(APPS + index), renderer, nowUnixSeconds: 1, servedTypes: served });
  const started = performance.now();
  let planned = 0;
  for (const resource of apps) {
    planned += planAppPass({ config, app: resource, renderer, nowUnixSeconds: 1, servedTypes: served }).deliveries
      .length;
  }
  const passMs = performance.now() - started;
  results.push(
    { name: `controller pass, ${APPS} apps × 5 triggers (eval + render)`, value: round(passMs, 0), unit: 'ms' },
    { name: 'controller pass per app', value: round((passMs * 1000) / APPS, 0), unit: 'µs', goal: '≤ 1,000 µs' },
    { name: 'notifications planned', value: planned, unit: '' },
  );

  // Delivery: the webhook deliveries of the same apps (one per app), through the real queue and sandbox.
  const namespace = `bench-${randomUUID().slice(0, 8)}`;
  const kernelConfig = loadConfig({
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    DRIFTLESS_NAMESPACE: namespace,
  });
  const redis = new RedisConnections(kernelConfig);
  const host = new PluginHost({ runners: 2 }, new PluginMetrics(new MetricsService()));
  const delivery = new NotificationDelivery({
    config: kernelConfig,
    redis,
    runner: new NotifierRunner(host, defaultBuiltinsDir()),
    metrics: new NotificationMetrics(new MetricsService()),
    events: { warn: () => Promise.resolve() } as unknown as AppEvents,
    currentConfig: () => config,
    committed: () => Promise.resolve(true),
  });
  try {
    await delivery.configure(config);
    const deliveries: PlannedDelivery[] = apps.map((resource, index) => ({
      id: `d${index}`,
      app: `argocd/${resource.metadata?.name ?? ''}`,
      uid: resource.metadata?.uid ?? '',
      trigger: 'on-sync-succeeded',
      stateKey: `k${index}`,
      recordedAt: 1,
      service: 'hook',
      serviceType: 'webhook',
      destination: '',
      notification: { title: '', body: '', fields: { webhook: { hook: { method: 'POST', body: `{"n":${index}}` } } } },
    }));
    const deliveryStarted = performance.now();
    await delivery.enqueue(deliveries, 3);
    const enqueuedMs = performance.now() - deliveryStarted;
    while (received < APPS) {
      if (performance.now() - deliveryStarted > 300_000)
        throw new Error(`only ${received} of ${APPS} delivered in 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const deliveryMs = performance.now() - deliveryStarted;
    results.push(
      { name: `enqueue ${APPS} deliveries`, value: round(enqueuedMs, 0), unit: 'ms' },
      { name: `deliver ${APPS} webhooks (queue → sandbox → http)`, value: round(deliveryMs, 0), unit: 'ms' },
      { name: 'delivery throughput', value: round((APPS * 1000) / deliveryMs, 0), unit: 'per s' },
    );
  } finally {
    await delivery.close();
    const cleanup = new Queue(queueNameFor('hook'), {
      connection: redis.create('bench-cleanup'),
      prefix: `driftless:${namespace}:bull`,
    });
    await cleanup.obliterate({ force: true }).catch(() => undefined);
    await cleanup.close();
    const queueSlack = new Queue(queueNameFor('slack'), {
      connection: redis.create('bench-cleanup-2'),
      prefix: `driftless:${namespace}:bull`,
    });
    await queueSlack.obliterate({ force: true }).catch(() => undefined);
    await queueSlack.close();
    await host.stop();
    await redis.onApplicationShutdown();
    server.close();
  }
  return results;
}
