import type { HealthStatus } from './health-status';
import type { KubeObject } from './object-fields';

/**
 * A built-in health check: a pure function of one object. undefined means the
 * rule has nothing to say (no health), as a nil status in Argo CD.
 */
export type HealthRule = (obj: KubeObject) => HealthStatus | undefined;
