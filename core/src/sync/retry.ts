// Argo CD's sync retry: `retry.limit` attempts after the first (negative:
// unlimited), waiting `backoff.duration × backoff.factor^attempt`, at most
// `backoff.maxDuration` (defaults 5s, 2, 3m). Pure.
import { parseDuration } from '@driftless/diff';
import { type RetryStrategy } from '@driftless/schema';

const DEFAULT_DURATION_MS = 5_000;
const DEFAULT_FACTOR = 2;
const DEFAULT_MAX_MS = 180_000;

function durationMs(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  // Argo CD also accepts a bare number of seconds.
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const nanoseconds = parseDuration(text);
  return nanoseconds === undefined ? fallback : nanoseconds / 1e6;
}

export function canRetry(retry: RetryStrategy | undefined, retryCount: number): boolean {
  if (!retry) return false;
  const limit = retry.limit ?? 0;
  return limit < 0 || retryCount < limit;
}

/** When attempt `retryCount + 1` may start, after the attempt that ended at `lastAttempt`. */
export function nextRetryAt(retry: RetryStrategy | undefined, lastAttempt: Date, retryCount: number): Date {
  const backoff = retry?.backoff;
  const duration = durationMs(backoff?.duration, DEFAULT_DURATION_MS);
  const factor = backoff?.factor ?? DEFAULT_FACTOR;
  const max = durationMs(backoff?.maxDuration, DEFAULT_MAX_MS);
  const wait = Math.min(max > 0 ? max : Number.POSITIVE_INFINITY, duration * factor ** retryCount);
  return new Date(lastAttempt.getTime() + wait);
}

/** Go's time.Kitchen, as Argo CD's retry message prints the time (3:04PM). */
export function kitchenTime(date: Date): string {
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  return `${hours % 12 === 0 ? 12 : hours % 12}:${minutes}${hours < 12 ? 'AM' : 'PM'}`;
}
