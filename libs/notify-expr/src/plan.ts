// One pass of the notifications controller over one app, without the I/O: run each subscribed
// trigger, decide per destination whether to send (fired and not yet in the dedup state) and compute
// the new `notified.notifications.argoproj.io` value. A condition without oncePer must turn false
// (its state entry is then removed) before it fires again; with oncePer, the entry stays and the
// condition fires again only for a new oncePer value.
import { UnknownTriggerError } from './errors';
import type { EvalBudget } from './interpreter';
import {
  parseNotifiedState,
  serializeNotifiedState,
  stateItemKey,
  type Destination,
  type NotifiedState,
} from './notified-state';
import { runTrigger, type CompiledTrigger, type ConditionResult, type TriggerWarning } from './triggers';
import type { ExprMap } from './values';

export interface PlannedNotification {
  trigger: string;
  conditionKey: string;
  templates: string[];
  destination: Destination;
  oncePer: string;
  /** The dedup state key; pass the notification to {@link forgetDelivery} if sending fails. */
  stateKey: string;
}

export interface PlanInput {
  triggers: ReadonlyMap<string, CompiledTrigger>;
  /** Destinations per trigger name, already resolved from subscriptions and deduplicated. */
  destinations: ReadonlyMap<string, readonly Destination[]>;
  /** Variables of the conditions, from createNotificationEnv. */
  env: ExprMap;
  /** Current value of the notified annotation, if any. */
  notifiedAnnotation?: string | undefined;
  /** Unix seconds recorded for new deliveries. */
  nowUnixSeconds: number;
  /** Namespace of a self-service notifications config; prefixes the state keys. */
  selfServiceNamespace?: string | undefined;
  budget?: Partial<EvalBudget>;
}

export interface NotificationPlan {
  /** Notifications to deliver now (fan-out to services is the caller's, in parallel). */
  send: PlannedNotification[];
  /** Conditions that fired but were already delivered to that destination. */
  alreadyNotified: PlannedNotification[];
  /** Condition results per trigger, in trigger order. */
  results: Map<string, ConditionResult[]>;
  /** Dedup state assuming every `send` succeeds. */
  state: NotifiedState;
  /** The annotation value to write, or undefined to remove it. */
  annotation: string | undefined;
  /** Whether `annotation` differs from the input annotation. */
  annotationChanged: boolean;
  /** Expressions that failed (their condition counted as not fired) and unknown triggers. */
  warnings: (TriggerWarning | { trigger: string; error: UnknownTriggerError })[];
}

export function planNotifications(input: PlanInput): NotificationPlan {
  const state = parseNotifiedState(input.notifiedAnnotation);
  const plan: NotificationPlan = {
    send: [],
    alreadyNotified: [],
    results: new Map(),
    state,
    annotation: undefined,
    annotationChanged: false,
    warnings: [],
  };
  for (const [triggerName, destinations] of input.destinations) {
    const trigger = input.triggers.get(triggerName);
    if (!trigger) {
      plan.warnings.push({ trigger: triggerName, error: new UnknownTriggerError(triggerName) });
      continue;
    }
    const run = runTrigger(trigger, input.env, input.budget);
    plan.results.set(triggerName, run.results);
    plan.warnings.push(...run.warnings);
    for (const result of run.results) {
      for (const destination of destinations) {
        const notification: PlannedNotification = {
          trigger: triggerName,
          conditionKey: result.key,
          templates: result.templates,
          destination,
          oncePer: result.oncePer,
          stateKey: stateItemKey({
            trigger: triggerName,
            conditionKey: result.key,
            oncePer: result.oncePer,
            destination,
            selfServiceNamespace: input.selfServiceNamespace,
          }),
        };
        if (!result.triggered) {
          // A condition that is false has no oncePer value, so this clears only keys of conditions
          // without oncePer; oncePer keys (prefixed with their value) persist until truncated.
          state.delete(notification.stateKey);
        } else if (state.has(notification.stateKey)) {
          plan.alreadyNotified.push(notification);
        } else {
          state.set(notification.stateKey, input.nowUnixSeconds);
          plan.send.push(notification);
        }
      }
    }
  }
  plan.annotation = serializeNotifiedState(state);
  plan.annotationChanged = plan.annotation !== (input.notifiedAnnotation || undefined);
  return plan;
}

/** Removes a failed delivery from the state so it is retried on the next pass; returns the annotation. */
export function forgetDelivery(state: NotifiedState, notification: PlannedNotification): string | undefined {
  state.delete(notification.stateKey);
  return serializeNotifiedState(state);
}
