import { readFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { committedSdlPath, renderSdl } from '../../core/src/api/graphql-sdl';
import { EventBus } from '../../core/src/events/event-bus.service';
import { type ServerEvent } from '../../core/src/events/event-topics';
import { type RunningKernel } from '../../core/src/kernel/start-kernel';
import { buildInfo } from '../../core/src/version';
import { postGraphql, publishUntilDelivered, subscribe } from '../support/graphql';
import { startTestCluster, type TestCluster } from '../support/test-cluster';
import { startTestKernel, uniqueNamespace } from '../support/test-kernel';

describe('GraphQL API over HTTP and graphql-ws', () => {
  let cluster: TestCluster;
  let kernel: RunningKernel;

  beforeAll(async () => {
    cluster = await startTestCluster();
    kernel = await startTestKernel({ cluster: cluster.connection, namespace: uniqueNamespace() });
  });

  afterAll(async () => {
    await kernel?.stop();
    await cluster?.stop();
  });

  it('answers the version query over HTTP', async () => {
    const { status, body } = await postGraphql<{ version: Record<string, string> }>(
      kernel.url,
      '{ version { version gitCommit nodeVersion platform } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.version).toEqual({ ...buildInfo });
  });

  it('serves exactly the committed SDL (schema/graphql/schema.graphql)', () => {
    const schema = kernel.app.get(GraphQLSchemaHost).schema;
    expect(renderSdl(schema)).toBe(readFileSync(committedSdlPath, 'utf8'));
  });

  it('reports an unknown field with a GraphQL validation error', async () => {
    const { status, body } = await postGraphql(kernel.url, '{ version { nope } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toContain('Cannot query field "nope" on type "Version"');
  });

  it('delivers a published event to a graphql-ws subscriber through Redis', async () => {
    const subscription = await subscribe<{ serverEvents: ServerEvent }>(
      kernel.url,
      'subscription { serverEvents { type message source at } }',
    );
    try {
      const bus = kernel.app.get(EventBus);
      const event: ServerEvent = {
        type: 'RoleStarted',
        message: 'graphql-ws probe',
        source: 'test',
        at: new Date().toISOString(),
      };
      const [received] = await publishUntilDelivered(
        () => bus.publish('serverEvents', event),
        [subscription],
        (data) => data.serverEvents.message === 'graphql-ws probe',
      );
      expect(received?.serverEvents).toEqual(event);
    } finally {
      await subscription.close();
    }
  });
});
