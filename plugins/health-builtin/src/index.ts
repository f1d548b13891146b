// @driftless/plugin-health-builtin: Driftless's built-in health checks (Argo CD's
// rules and messages for Kubernetes kinds, plus common CRDs), Argo CD's
// precedence with Lua overrides, and application health aggregation. Every rule
// is a pure function of one object.
export { assessResourceHealth, assessHealthBatch, type AssessOptions } from './assess';
export {
  aggregateApplicationHealth,
  IGNORE_HEALTHCHECK,
  type AggregateOptions,
  type ManagedResourceHealth,
} from './aggregate';
export { BUILTIN_HEALTH_RULES } from './rules';
export { genericConditionsHealth } from './rules/generic-conditions';
export {
  isWorse,
  health,
  HEALTH_STATUS_CODES,
  isHealthStatusCode,
  type HealthStatus,
  type HealthStatusCode,
} from './health-status';
export type { HealthRule } from './health-rule';
export type { KubeObject } from './object-fields';
export { isHook, isSkipped } from './hooks';
