import { readFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { committedSdlPath, renderSdl } from '../../core/src/api/graphql-sdl';
import { EventBus } from '../../core/src/events/event-bus.service';
import { type ServerEvent } from '../../core/src/events/event-topics';
import { buildInfo } from '../../core/src/version';
import { useKernelFixture } from '../support/kernel-fixture';
import { postGraphql, publishUntilDelivered, subscribe } from '../support/graphql';

describe('GraphQL API over HTTP and graphql-ws', () => {
  const fixture = useKernelFixture();

  it('answers the version query over HTTP', async () => {
    const { status, body } = await postGraphql<{ version: Record<string, string> }>(
      fixture.kernel.url,
      '{ version { version gitCommit nodeVersion platform } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.version).toEqual({ ...buildInfo });
  });

  it('serves exactly the committed SDL (schema/graphql/schema.graphql)', () => {
    const schema = fixture.kernel.app.get(GraphQLSchemaHost).schema;
    expect(renderSdl(schema)).toBe(readFileSync(committedSdlPath, 'utf8'));
  });

  it('reports an unknown field with a GraphQL validation error', async () => {
    const { status, body } = await postGraphql(fixture.kernel.url, '{ version { nope } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toContain('Cannot query field "nope" on type "Version"');
  });

  it('delivers a published event to a graphql-ws subscriber through Redis', async () => {
    const subscription = await subscribe<{ serverEvents: ServerEvent }>(
      fixture.kernel.url,
      'subscription { serverEvents { type message source at } }',
    );
    try {
      const bus = fixture.kernel.app.get(EventBus);
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
