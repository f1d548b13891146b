// Who gets notified of what, for one app: the `notifications.argoproj.io/subscribe.*` annotations
// and the YAML `notifications.argoproj.io/subscriptions` annotation of the Application and its
// AppProject, plus argocd-notifications-cm `subscriptions` whose selector matches the app's labels.
// Resolved to destinations per trigger, deduplicated and capped so that the dedup annotation (100
// entries, as Argo CD keeps) can always hold every destination: past the cap, recipients are
// dropped and reported rather than notified again on every pass. Pure.
import { NOTIFIED_HISTORY_MAX_SIZE, type Destination } from '@driftless/notify-expr';
import { parse as parseYaml } from 'yaml';
import { type NotificationConfig } from '../config/notification-config';
import { selectorMatches } from '../../common/label-selector';

export const SUBSCRIBE_PREFIX = 'notifications.argoproj.io/subscribe.';
export const SUBSCRIPTIONS_ANNOTATION = 'notifications.argoproj.io/subscriptions';

export interface SubscriptionSource {
  annotations?: Record<string, string> | undefined;
  labels?: Record<string, string> | undefined;
}

export interface ResolvedSubscriptions {
  /** Destinations per trigger name, in first-seen order. */
  destinations: Map<string, Destination[]>;
  /** Problems to report on the app (bad YAML, dropped recipients). */
  problems: string[];
}

/**
 * Splits `"r1;r2"` (Argo CD also accepts commas), trimming and dropping empty entries; an empty
 * value is one empty recipient (`subscribe.on-x.github: ""` for a webhook).
 */
export function parseRecipients(value: string): string[] {
  const recipients = value
    .split(/[;,]/)
    .map((item) => item.trim())
    .filter(Boolean);
  return recipients.length > 0 ? recipients : [''];
}

interface Subscription {
  triggers: string[];
  service: string;
  recipients: string[];
}

function fromAnnotations(annotations: Record<string, string>, problems: string[], origin: string): Subscription[] {
  const found: Subscription[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith(SUBSCRIBE_PREFIX)) {
      const parts = key.slice(SUBSCRIBE_PREFIX.length).split('.');
      const service = parts.pop() ?? '';
      if (!service) continue;
      found.push({ triggers: parts.length > 0 ? [parts.join('.')] : [], service, recipients: parseRecipients(value) });
    } else if (key === SUBSCRIPTIONS_ANNOTATION) {
      found.push(...yamlSubscriptions(value, problems, origin));
    }
  }
  return found;
}

function yamlSubscriptions(text: string, problems: string[], origin: string): Subscription[] {
  let document: unknown;
  try {
    document = parseYaml(text, { maxAliasCount: 16 });
  } catch (error) {
    problems.push(`${origin} annotation ${SUBSCRIPTIONS_ANNOTATION} is not valid YAML: ${(error as Error).message}`);
    return [];
  }
  if (document === null || document === undefined) return [];
  if (!Array.isArray(document)) {
    problems.push(`${origin} annotation ${SUBSCRIPTIONS_ANNOTATION} must be a list of {trigger, destinations}`);
    return [];
  }
  const found: Subscription[] = [];
  for (const entry of document as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { trigger, destinations } = entry as { trigger?: unknown; destinations?: unknown };
    const triggers = Array.isArray(trigger) ? trigger.map(String) : typeof trigger === 'string' ? [trigger] : [];
    for (const destination of Array.isArray(destinations) ? (destinations as unknown[]) : []) {
      if (typeof destination !== 'object' || destination === null) continue;
      const { service, recipients } = destination as { service?: unknown; recipients?: unknown };
      if (typeof service !== 'string' || !service) continue;
      const list = Array.isArray(recipients)
        ? recipients.map(String)
        : typeof recipients === 'string'
          ? parseRecipients(recipients)
          : [];
      found.push({ triggers, service, recipients: list });
    }
  }
  return found;
}

export function resolveSubscriptions(
  config: Pick<NotificationConfig, 'defaultTriggers' | 'serviceDefaultTriggers' | 'subscriptions'>,
  app: SubscriptionSource,
  project?: SubscriptionSource,
  maxDestinations = NOTIFIED_HISTORY_MAX_SIZE,
): ResolvedSubscriptions {
  const problems: string[] = [];
  const subscriptions = [
    ...fromAnnotations(app.annotations ?? {}, problems, 'Application'),
    ...fromAnnotations(project?.annotations ?? {}, problems, 'AppProject'),
  ];
  for (const entry of config.subscriptions) {
    if (entry.selector && !selectorMatches(entry.selector, app.labels ?? {})) continue;
    for (const recipient of entry.recipients) {
      const colon = recipient.indexOf(':');
      const service = colon < 0 ? recipient : recipient.slice(0, colon);
      const target = colon < 0 ? '' : recipient.slice(colon + 1);
      subscriptions.push({ triggers: entry.triggers, service, recipients: [target] });
    }
  }
  const destinations = new Map<string, Destination[]>();
  const seen = new Set<string>();
  let total = 0;
  let dropped = 0;
  for (const subscription of subscriptions) {
    const triggers =
      subscription.triggers.length > 0
        ? subscription.triggers
        : (config.serviceDefaultTriggers.get(subscription.service) ?? config.defaultTriggers);
    for (const trigger of triggers) {
      for (const recipient of subscription.recipients) {
        const key = JSON.stringify([trigger, subscription.service, recipient]);
        if (seen.has(key)) continue;
        seen.add(key);
        if (total >= maxDestinations) {
          dropped += 1;
          continue;
        }
        total += 1;
        const list = destinations.get(trigger) ?? [];
        list.push({ service: subscription.service, recipient });
        destinations.set(trigger, list);
      }
    }
  }
  if (dropped > 0) {
    problems.push(
      `subscriptions name ${total + dropped} trigger destinations; only the first ${maxDestinations} are notified (the notified annotation keeps ${maxDestinations} entries) — ${dropped} dropped`,
    );
  }
  return { destinations, problems };
}
