import { Module } from '@nestjs/common';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { RedisConnections } from '../../redis/redis-connections.service';
import { ApiRateLimits } from './api-rate-limits';

/**
 * What the GraphQL endpoint needs beyond its static rules: the shared rate
 * limits. Their Redis connection gives up on a command within a second and
 * queues nothing while disconnected, so the in-memory fallback answers at once.
 */
@Module({
  providers: [
    {
      provide: ApiRateLimits,
      inject: [RedisConnections, KERNEL_CONFIG],
      useFactory: (redis: RedisConnections, config: KernelConfig) =>
        new ApiRateLimits(
          redis.create('api-rate-limits', {
            maxRetriesPerRequest: 1,
            commandTimeout: 1_000,
            enableOfflineQueue: false,
          }),
          `driftless:${config.namespace}:api-rate:`,
          config.api.rateLimits,
        ),
    },
  ],
  exports: [ApiRateLimits],
})
export class ApiHardeningModule {}
