import { type Redis } from 'ioredis';
import { type KernelConfig } from '../config/config.schema';
import { type RedisConnections } from '../redis/redis-connections.service';

export const AUTH_REDIS = Symbol('AUTH_REDIS');

/**
 * The connection for login failure counters and revoked token ids. A command
 * fails within two seconds when Redis is away, so login and token checks fail
 * closed instead of hanging.
 */
export function createAuthRedis(redis: RedisConnections): Redis {
  return redis.create('auth', { maxRetriesPerRequest: 1, commandTimeout: 2_000 });
}

export function authKeyPrefix(config: KernelConfig): string {
  return `driftless:${config.namespace}:auth:`;
}
