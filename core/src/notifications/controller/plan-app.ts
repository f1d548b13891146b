// One pass over one app, without I/O: subscriptions → triggers (notify-expr's planNotifications,
// with the dedup annotation) → rendered notifications, one delivery per destination. Whatever goes
// wrong for one trigger, template or service becomes a problem to report on the app and leaves the
// rest of the pass intact; a notification that cannot be rendered or has no service is taken out of
// the new dedup state, so it is tried again once the configuration is fixed (as Argo CD does).
import { createHash } from 'node:crypto';
import {
  createNotificationEnv,
  forgetDelivery,
  NOTIFIED_ANNOTATION,
  planNotifications,
  serializeNotifiedState,
  type ConditionResult,
} from '@driftless/notify-expr';
import { type Notification } from '@driftless/plugin-sdk';
import { type NotificationConfig, type TemplateConfig } from '../config/notification-config';
import { type NotificationRenderer } from '../render/render-notification';
import { resolveSubscriptions } from '../subscriptions/subscriptions';

export interface KubeResource {
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
}

export interface PlannedDelivery {
  /** Stable id: app uid, dedup state key and the time recorded for it. */
  id: string;
  app: string;
  uid: string;
  trigger: string;
  stateKey: string;
  recordedAt: number;
  service: string;
  serviceType: string;
  destination: string;
  notification: Notification;
}

export interface AppProblem {
  reason:
    | 'NotificationConfigError'
    | 'NotificationTriggerError'
    | 'NotificationTemplateError'
    | 'NotificationSubscriptionError';
  message: string;
}

export interface AppPass {
  deliveries: PlannedDelivery[];
  /** The new annotation value (undefined: remove) when it changed. */
  annotation: { value: string | undefined } | undefined;
  problems: AppProblem[];
  /** Per trigger: whether any of its conditions fired. */
  evaluated: { trigger: string; triggered: boolean }[];
}

export function deliveryId(uid: string, stateKey: string, recordedAt: number): string {
  return createHash('sha256').update(`${uid}\u0000${stateKey}\u0000${recordedAt}`).digest('hex').slice(0, 32);
}

export function planAppPass(input: {
  config: NotificationConfig;
  app: KubeResource;
  project?: KubeResource | undefined;
  renderer: NotificationRenderer;
  nowUnixSeconds: number;
  /** Service types some plugin serves. */
  servedTypes: ReadonlySet<string>;
}): AppPass {
  const { config, app } = input;
  const pass: AppPass = { deliveries: [], annotation: undefined, problems: [], evaluated: [] };
  const subscriptions = resolveSubscriptions(config, app.metadata ?? {}, input.project?.metadata);
  for (const message of subscriptions.problems)
    pass.problems.push({ reason: 'NotificationSubscriptionError', message });
  if (subscriptions.destinations.size === 0) return pass;
  const notifiedAnnotation = app.metadata?.annotations?.[NOTIFIED_ANNOTATION];
  const plan = planNotifications({
    triggers: config.triggers,
    destinations: subscriptions.destinations,
    env: createNotificationEnv({ app: app as Record<string, unknown> }),
    notifiedAnnotation,
    nowUnixSeconds: input.nowUnixSeconds,
  });
  for (const [trigger, results] of plan.results) {
    pass.evaluated.push({ trigger, triggered: results.some((result: ConditionResult) => result.triggered) });
  }
  for (const warning of plan.warnings) {
    const where = 'conditionKey' in warning ? ` condition ${warning.conditionKey} (${warning.part})` : '';
    const configProblem = config.problems.find((problem) => problem.key === `trigger.${warning.trigger}`);
    pass.problems.push({
      reason: configProblem ? 'NotificationConfigError' : 'NotificationTriggerError',
      message: configProblem
        ? `trigger ${warning.trigger} is not usable: ${configProblem.message}`
        : `trigger ${warning.trigger}${where}: ${warning.error.message}`,
    });
  }
  const appName = `${app.metadata?.namespace ?? ''}/${app.metadata?.name ?? ''}`;
  const uid = app.metadata?.uid ?? appName;
  const rendered = new Map<string, Notification | Error>();
  for (const planned of plan.send) {
    const { service: serviceName, recipient } = planned.destination;
    const service = config.services.get(serviceName);
    let failure: string | undefined;
    let notification: Notification | undefined;
    if (!service)
      failure = `notification service '${serviceName}' is not configured (no service.${serviceName} in argocd-notifications-cm)`;
    else if (!input.servedTypes.has(service.type))
      failure = `no notifier plugin serves service type '${service.type}' (service ${serviceName})`;
    else {
      const templates: TemplateConfig[] = [];
      for (const name of planned.templates) {
        const template = config.templates.get(name);
        if (template) templates.push(template);
        else failure = `template ${name} of trigger ${planned.trigger} is not defined`;
      }
      if (!failure) {
        const cacheKey = JSON.stringify([planned.templates, service.type, recipient]);
        let result = rendered.get(cacheKey);
        if (!result) {
          try {
            result = input.renderer.render(templates, {
              app,
              appProject: input.project,
              context: config.context,
              secrets: config.secrets,
              serviceType: service.type,
              recipient,
            });
          } catch (error) {
            result = error instanceof Error ? error : new Error(String(error));
          }
          rendered.set(cacheKey, result);
        }
        if (result instanceof Error) failure = result.message;
        else notification = result;
      }
    }
    if (failure || !notification || !service) {
      forgetDelivery(plan.state, planned);
      pass.problems.push({
        reason:
          service && input.servedTypes.has(service.type) ? 'NotificationTemplateError' : 'NotificationConfigError',
        message: `trigger ${planned.trigger} → ${serviceName}:${recipient}: ${failure ?? 'not sent'}`,
      });
      continue;
    }
    const recordedAt = plan.state.get(planned.stateKey) ?? input.nowUnixSeconds;
    pass.deliveries.push({
      id: deliveryId(uid, planned.stateKey, recordedAt),
      app: appName,
      uid,
      trigger: planned.trigger,
      stateKey: planned.stateKey,
      recordedAt,
      service: serviceName,
      serviceType: service.type,
      destination: recipient,
      notification,
    });
  }
  // forgetDelivery may have changed the state after planNotifications serialised it.
  const annotation = serializeNotifiedState(plan.state);
  if (annotation !== (notifiedAnnotation || undefined)) pass.annotation = { value: annotation };
  return pass;
}
