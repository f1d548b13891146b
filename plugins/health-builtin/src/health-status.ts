// Health codes, Argo CD's order of severity, and the result type of every rule.
// Types only from @driftless/lua-health: the sandboxed plugin bundle must not
// pull in the Lua VM when it runs the built-in rules alone.
import type { HealthStatus, HealthStatusCode } from '@driftless/lua-health';

export type { HealthStatus, HealthStatusCode } from '@driftless/lua-health';

export const HEALTH_STATUS_CODES: readonly HealthStatusCode[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];

export function isHealthStatusCode(value: unknown): value is HealthStatusCode {
  return typeof value === 'string' && (HEALTH_STATUS_CODES as readonly string[]).includes(value);
}

/** Whether `candidate` is worse than `current` in Argo CD's order. */
export { isWorseHealth as isWorse } from '@driftless/plugin-sdk';

/** A status with an optional message; empty messages are left out, as Argo CD's JSON omits them. */
export function health(status: HealthStatusCode, message?: string): HealthStatus {
  return message ? { status, message } : { status };
}
