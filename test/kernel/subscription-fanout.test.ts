import { EventBus } from '../../core/src/events/event-bus.service';
import { type ServerEvent } from '../../core/src/events/event-topics';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { publishUntilDelivered, subscribe, type Subscription } from '../support/graphql';
import { startTestCluster, type TestCluster } from '../support/test-cluster';
import { startTestKernel, uniqueNamespace } from '../support/test-kernel';

const subscriptionQuery = 'subscription { serverEvents { type message source at } }';

describe('subscription fan-out across API replicas', () => {
  let cluster: TestCluster;
  const kernels: RunningKernel[] = [];
  const namespace = uniqueNamespace();

  beforeAll(async () => {
    cluster = await startTestCluster();
    kernels.push(await startTestKernel({ cluster: cluster.connection, namespace }));
    kernels.push(await startTestKernel({ cluster: cluster.connection, namespace }));
  });

  afterAll(async () => {
    await Promise.all(kernels.map((kernel) => kernel.stop()));
    await cluster?.stop();
  });

  it('delivers an event published by one replica to subscribers of both', async () => {
    const [first, second] = kernels as [RunningKernel, RunningKernel];
    const subscriptions: Subscription<{ serverEvents: ServerEvent }>[] = [
      await subscribe(first.url, subscriptionQuery),
      await subscribe(second.url, subscriptionQuery),
    ];
    try {
      const event: ServerEvent = {
        type: 'RoleStarted',
        message: 'fan-out probe',
        source: 'replica-1',
        at: new Date().toISOString(),
      };
      const received = await publishUntilDelivered(
        () => first.app.get(EventBus).publish('serverEvents', event),
        subscriptions,
        (data) => data.serverEvents.message === 'fan-out probe',
      );
      expect(received.map((data) => data.serverEvents)).toEqual([event, event]);
    } finally {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
    }
  });

  it('announces a replica that starts to subscribers of another', async () => {
    const subscription = await subscribe<{ serverEvents: ServerEvent }>(kernels[0]!.url, subscriptionQuery);
    try {
      const third = await startTestKernel({ cluster: cluster.connection, namespace, roles: ['controller'] });
      kernels.push(third);
      const event = await subscription.next(
        (data) => data.serverEvents.type === 'RoleStarted' && data.serverEvents.source.endsWith('/controller'),
      );
      expect(event.serverEvents.message).toBe('controller started');
    } finally {
      await subscription.close();
    }
  });

  it('keeps installations that share Redis apart by namespace', async () => {
    const other = await startTestKernel({ cluster: cluster.connection, namespace: uniqueNamespace() });
    kernels.push(other);
    const outsider = await subscribe<{ serverEvents: ServerEvent }>(other.url, subscriptionQuery);
    const insider = await subscribe<{ serverEvents: ServerEvent }>(kernels[1]!.url, subscriptionQuery);
    try {
      const event: ServerEvent = {
        type: 'RoleStarted',
        message: 'namespaced probe',
        source: 'replica-1',
        at: new Date().toISOString(),
      };
      await publishUntilDelivered(
        () => kernels[0]!.app.get(EventBus).publish('serverEvents', event),
        [insider],
        (data) => data.serverEvents.message === 'namespaced probe',
      );
      // The insider got it, so Redis delivered it; the other installation's subscriber must not have.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(outsider.take((data) => data.serverEvents.message === 'namespaced probe')).toBeUndefined();
    } finally {
      await Promise.all([outsider.close(), insider.close()]);
    }
  });
});
