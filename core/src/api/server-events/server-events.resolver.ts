import { Resolver, Subscription } from '@nestjs/graphql';
import { EventBus } from '../../events/event-bus.service';
import { type ServerEvent } from '../../events/event-topics';
import { ServerEventModel } from './server-event.model';

@Resolver(() => ServerEventModel)
export class ServerEventsResolver {
  constructor(private readonly bus: EventBus) {}

  @Subscription(() => ServerEventModel, {
    description: 'Lifecycle events of every Driftless process (delivered by any API replica)',
    resolve: (event: ServerEvent) => event,
  })
  serverEvents(): AsyncIterableIterator<ServerEvent> {
    return this.bus.listen('serverEvents');
  }
}
