// @driftless/notify-expr: Argo CD notification trigger conditions (expr-lang syntax) and trigger
// evaluation with the notified.notifications.argoproj.io dedup state. Pure: no I/O.
export type { ExprNode } from './ast';
export { compileExpression, evaluateExpression, type CompiledExpression, type EvaluateOptions } from './compile';
export { createNotificationEnv, type NotificationEnvOptions, type RepoFunction } from './environment';
export {
  ExprBudgetError,
  ExprEvalError,
  ExprSyntaxError,
  NotifyExprError,
  TriggerConfigError,
  UnknownTriggerError,
  type NotifyExprErrorCode,
  type SourcePosition,
} from './errors';
export { DEFAULT_BUDGET, type EvalBudget } from './interpreter';
export { DEFAULT_PARSE_LIMITS, parseExpression, type ParseLimits } from './parser';
export { GoDuration, GoTime } from './time-values';
export { formatValue, HostFunction, type ExprMap, type ExprValue } from './values';
export { CATALOG_TRIGGERS, catalogTriggers } from './catalog';
export {
  NOTIFIED_ANNOTATION,
  NOTIFIED_HISTORY_MAX_SIZE,
  parseNotifiedState,
  serializeNotifiedState,
  stateItemKey,
  truncateNotifiedState,
  type Destination,
  type NotifiedState,
  type StateKeyParts,
} from './notified-state';
export {
  forgetDelivery,
  planNotifications,
  type NotificationPlan,
  type PlanInput,
  type PlannedNotification,
} from './plan';
export {
  compileTrigger,
  compileTriggersFromConfigMap,
  conditionHash,
  parseTriggerYaml,
  runTrigger,
  type CompiledCondition,
  type CompiledTrigger,
  type ConditionResult,
  type TriggerCondition,
  type TriggerRun,
  type TriggerWarning,
} from './triggers';
