import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { MetricsService } from '../metrics/metrics.service';
import { RedisConnections } from '../redis/redis-connections.service';
import { type EventTopic, type EventTopics } from './event-topics';

/**
 * Typed publish/subscribe over Redis. Channels are prefixed with the control
 * plane namespace so two installations sharing a Redis do not hear each other.
 */
@Injectable()
export class EventBus implements OnApplicationShutdown {
  private readonly pubsub: RedisPubSub;
  private readonly channelPrefix: string;

  constructor(
    redis: RedisConnections,
    private readonly metrics: MetricsService,
    @Inject(KERNEL_CONFIG) config: KernelConfig,
  ) {
    this.pubsub = new RedisPubSub({
      publisher: redis.create('events-publisher'),
      subscriber: redis.create('events-subscriber'),
    });
    this.channelPrefix = `driftless:${config.namespace}:`;
  }

  async publish<T extends EventTopic>(topic: T, payload: EventTopics[T]): Promise<void> {
    await this.pubsub.publish(this.channel(topic), payload);
    this.metrics.eventsPublished.inc({ topic });
  }

  /** An async iterator of every event published on `topic` from now on, by any process. */
  listen<T extends EventTopic>(topic: T): AsyncIterableIterator<EventTopics[T]> {
    return this.pubsub.asyncIterableIterator(this.channel(topic)) as AsyncIterableIterator<EventTopics[T]>;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pubsub.close();
  }

  private channel(topic: EventTopic): string {
    return this.channelPrefix + topic;
  }
}
