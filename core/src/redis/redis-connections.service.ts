import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { pingRedis } from './redis-preflight';

/**
 * Hands out ioredis connections to REDIS_URL and closes them all at shutdown.
 * Redis holds caches, queues and pub/sub only (ARCHITECTURE.md, "State").
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly clients = new Set<Redis>();

  constructor(@Inject(KERNEL_CONFIG) private readonly config: KernelConfig) {}

  /** A new connection; `purpose` names it in Redis's CLIENT LIST. */
  create(purpose: string, options: RedisOptions = {}): Redis {
    const client = new Redis(this.config.redisUrl, { connectionName: `driftless:${purpose}`, ...options });
    this.clients.add(client);
    client.once('end', () => this.clients.delete(client));
    return client;
  }

  /** One connection attempt with PING; rejects with the network error (for readiness). */
  ping(timeoutMs = 1000): Promise<void> {
    return pingRedis(this.config.redisUrl, timeoutMs, 'driftless:probe');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.clients].map((client) => client.quit().catch(() => client.disconnect())));
    this.clients.clear();
  }
}
