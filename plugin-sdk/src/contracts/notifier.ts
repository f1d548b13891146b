// The notifier extension point (contract driftless.io/plugin/v1): one `deliver` call per
// notification and destination, run in parallel across the plugins serving a service. Fields added
// within v1 are optional or additive, so plugins written against the first shape keep working.

/** A notification already rendered from its template by the kernel. */
export interface Notification {
  /** The rendered `title` (or `email.subject`); empty when the template has none. */
  title: string;
  /** The rendered `message`. */
  body: string;
  /**
   * The template's other sections, rendered: per-service blocks such as `slack` (attachments,
   * blocks, groupingKey, deliveryPolicy, notifyBroadcast) or `webhook` (`<name>: {method, path, body}`).
   */
  fields?: Record<string, unknown>;
}

export interface NotifierInput {
  /** The service name subscriptions use: `slack`, or `github` for `service.webhook.github`. */
  service: string;
  /** Argo CD's service type (`slack`, `webhook`, …); the same as `service` for `service.<type>`. */
  serviceType?: string;
  /**
   * The service's settings from argocd-notifications-cm, `$key` references already replaced with
   * argocd-notifications-secret's values (as Argo CD does). The same values are this call's
   * `host.secrets`, so the host redacts them from the plugin's logs.
   */
  config: Record<string, unknown>;
  /** The recipient: a channel, a webhook's name, an address. */
  destination: string;
  notification: Notification;
  /** Which trigger fired, and for which app (`namespace/name`): for logs and idempotency keys. */
  trigger?: string;
  app?: string;
  /** Stable across retries of one delivery: services that deduplicate can use it. */
  deliveryId?: string;
}

export interface NotifierOutput {
  delivered: boolean;
  detail?: string;
  /**
   * With `delivered: false`: whether trying again may help (a 5xx, 429 or timeout) or not (401,
   * 404, a bad configuration). Unset counts as retryable.
   */
  retryable?: boolean;
  /** The service's HTTP status, when it answered. */
  status?: number;
}

/**
 * The outcome of a notifier's HTTP call, as the delivery queue reads it: a 2xx is delivered; a
 * 408, 429 or 5xx may succeed later (retryable); anything else will not. `what` names the service
 * in the detail, which carries the start of the answer (services explain refusals there).
 */
export function httpDeliveryOutcome(status: number, body: string, what: string): NotifierOutput {
  if (status >= 200 && status < 300) return { delivered: true, status };
  const retryable = status === 408 || status === 429 || status >= 500;
  return { delivered: false, status, retryable, detail: `${what} answered ${status}: ${body.slice(0, 200)}` };
}
