// One connection attempt to Redis, without retries: the start-up preflight
// (one clear line and a non-zero exit within seconds, not a retry loop or a
// stack trace) and the readiness probe both use it.
import { Redis } from 'ioredis';
import { DependencyUnreachableError, describeNetworkError } from '../common/dependency-errors';
import { withTimeout } from '../common/with-timeout';
import { redactUrlCredentials } from '../logging/redaction';

/** Connects once and sends PING; rejects with the underlying network error. */
export async function pingRedis(redisUrl: string, timeoutMs: number, connectionName: string): Promise<void> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectionName,
  });
  // ioredis rejects connect() with "Connection is closed"; the reason is in the error event.
  let lastError: unknown;
  client.on('error', (error: unknown) => {
    lastError = error;
  });
  try {
    await withTimeout(
      (async () => {
        await client.connect();
        await client.ping();
      })(),
      timeoutMs,
    );
  } catch (error) {
    throw lastError ?? error;
  } finally {
    client.disconnect();
  }
}

export async function assertRedisReachable(redisUrl: string, timeoutMs = 3000): Promise<void> {
  try {
    await pingRedis(redisUrl, timeoutMs, 'driftless:preflight');
  } catch (error) {
    throw new DependencyUnreachableError(
      `cannot reach Redis at ${redactUrlCredentials(redisUrl)}: ${describeNetworkError(error)} — start one (e.g. redis-server) or set REDIS_URL`,
    );
  }
}
