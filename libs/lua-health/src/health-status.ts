// Argo CD's six health codes and the status object a health check yields.

export const HEALTH_STATUS_CODES = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'] as const;

export type HealthStatusCode = (typeof HEALTH_STATUS_CODES)[number];

export interface HealthStatus {
  status: HealthStatusCode;
  message?: string;
}

export function isHealthStatusCode(value: unknown): value is HealthStatusCode {
  return typeof value === 'string' && (HEALTH_STATUS_CODES as readonly string[]).includes(value);
}
