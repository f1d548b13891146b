// Checked before the kernel starts, so a missing Redis is one clear line and
// a non-zero exit within seconds, not a retry loop or a stack trace.
import { Redis } from 'ioredis';
import { DependencyUnreachableError, describeNetworkError } from '../common/dependency-errors';
import { withTimeout } from '../common/with-timeout';
import { redactUrlCredentials } from '../logging/redaction';

export async function assertRedisReachable(redisUrl: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectionName: 'driftless:preflight',
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
    throw new DependencyUnreachableError(
      `cannot reach Redis at ${redactUrlCredentials(redisUrl)}: ${describeNetworkError(lastError ?? error)} — start one (e.g. redis-server) or set REDIS_URL`,
    );
  } finally {
    client.disconnect();
  }
}
