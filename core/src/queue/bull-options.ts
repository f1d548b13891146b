import { type KernelConfig } from '../config/config.schema';
import { type RedisConnections } from '../redis/redis-connections.service';

/**
 * Options for a BullMQ Queue, Worker or QueueEvents: its own ioredis
 * connection from RedisConnections (named in CLIENT LIST, closed at shutdown)
 * and keys under the control-plane namespace, so installations sharing a
 * Redis keep separate queues.
 *
 * Why a connection instance rather than `{ url }`: given options, BullMQ
 * loads `ioredis` with its own `require`, which fails wherever the package
 * manager did not hoist ioredis next to bullmq (our workspace layout keeps it
 * under core/). Passing the client also keeps every Redis connection the
 * kernel opens in one place.
 */
export function bullOptions(
  config: KernelConfig,
  connections: RedisConnections,
  purpose: string,
): { connection: ReturnType<RedisConnections['create']>; prefix: string } {
  return {
    connection: connections.create(`bull:${purpose}`, { maxRetriesPerRequest: null }),
    prefix: `driftless:${config.namespace}:bull`,
  };
}
