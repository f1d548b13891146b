import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { type KernelConfig } from '../config/config.schema';

/**
 * BullMQ on REDIS_URL. Keys are prefixed with the control-plane namespace so
 * installations sharing a Redis keep separate queues. Feature modules add
 * their queues with `BullModule.registerQueue({ name: QueueNames.x })`.
 */
@Module({})
export class QueueModule {
  static forRoot(config: KernelConfig): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRoot({
          connection: { url: config.redisUrl, maxRetriesPerRequest: null },
          prefix: `driftless:${config.namespace}:bull`,
        }),
      ],
      exports: [BullModule],
    };
  }
}
