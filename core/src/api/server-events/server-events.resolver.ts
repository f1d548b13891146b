import { Resolver, Subscription } from '@nestjs/graphql';
import { EventBus } from '../../events/event-bus.service';
import { type ServerEvent } from '../../events/event-topics';
import { ServerEventModel, ServerEventType } from './server-event.model';

@Resolver(() => ServerEventModel)
export class ServerEventsResolver {
  constructor(private readonly bus: EventBus) {}

  @Subscription(() => ServerEventModel, {
    description: 'Lifecycle events of every Driftless process (delivered by any API replica)',
    // Events cross Redis as JSON, so `at` arrives as an ISO string; the DateTime scalar serializes Dates.
    resolve: (event: ServerEvent): ServerEventModel => ({
      ...event,
      type: ServerEventType[event.type],
      at: new Date(event.at),
    }),
  })
  serverEvents(): AsyncIterableIterator<ServerEvent> {
    return this.bus.listen('serverEvents');
  }
}
