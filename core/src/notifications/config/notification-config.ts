// argocd-notifications-cm and argocd-notifications-secret as Argo CD reads them, parsed once per
// change: services (`service.<type>` or `service.<type>.<name>`, `$key` references replaced from the
// Secret), templates, triggers (each compiled apart, so one that does not parse leaves the others
// working), default triggers, subscriptions and the template context. Pure: no I/O.
import { compileTrigger, parseTriggerYaml, type CompiledTrigger } from '@driftless/notify-expr';
import { parse as parseYaml } from 'yaml';
import { parseLabelSelector, type LabelSelector } from '../../common/label-selector';
import { replaceSecretRefs } from './secret-refs';

export interface ServiceConfig {
  /** The name subscriptions use: `<type>`, or `<name>` of `service.<type>.<name>`. */
  name: string;
  /** Argo CD's service type (`slack`, `webhook`, …): which notifier plugin serves it. */
  type: string;
  /** The YAML value with `$key` references replaced. */
  config: Record<string, unknown>;
  /** Secret keys the value references that the Secret holds, with their values. */
  secrets: Record<string, string>;
}

export interface TemplateConfig {
  name: string;
  /** `go` (Go text/template with Sprig, as Argo CD) or `handlebars` (`engine: handlebars`). */
  engine: 'go' | 'handlebars';
  /** `message`, `title` and the per-service sections, unrendered. */
  fields: Record<string, unknown>;
}

export interface SubscriptionConfig {
  recipients: string[];
  triggers: string[];
  selector: LabelSelector | undefined;
}

export interface NotificationConfig {
  services: Map<string, ServiceConfig>;
  templates: Map<string, TemplateConfig>;
  triggers: Map<string, CompiledTrigger>;
  /** Triggers used by `subscribe.<service>` annotations without a trigger. */
  defaultTriggers: string[];
  /** `defaultTriggers.<service>`: overrides defaultTriggers for that service. */
  serviceDefaultTriggers: Map<string, string[]>;
  subscriptions: SubscriptionConfig[];
  context: Record<string, string>;
  /** Every secret key and value, the `secrets` variable of templates. */
  secrets: Record<string, string>;
  /** Driftless settings (`driftless.*` keys). */
  settings: NotificationSettings;
  /** One line per key that could not be read; the rest of the configuration still works. */
  problems: ConfigProblem[];
}

export interface NotificationSettings {
  /** Address classes notifier plugins may reach besides public ones (`driftless.http.networks`). */
  networks: ('loopback' | 'private')[];
  /** Deliveries per service per second (`driftless.rateLimit.<service>`, default `driftless.rateLimit`). */
  rateLimits: Map<string, RateLimit>;
  defaultRateLimit: RateLimit;
  /** Delivery attempts before the dead-letter record (`driftless.delivery.attempts`). */
  attempts: number;
  /** Wall-clock budget of one delivery call (`driftless.delivery.timeoutSeconds`, default 10). */
  timeoutMs: number;
}

export interface RateLimit {
  max: number;
  durationMs: number;
}

export interface ConfigProblem {
  key: string;
  message: string;
}

export const NOTIFICATIONS_CONFIG_MAP = 'argocd-notifications-cm';
export const NOTIFICATIONS_SECRET = 'argocd-notifications-secret';

const DEFAULT_RATE_LIMIT: RateLimit = { max: 10, durationMs: 1000 };
const DEFAULT_ATTEMPTS = 5;

function yamlValue(text: string): unknown {
  return parseYaml(text, { maxAliasCount: 16 });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') return [value];
  return [];
}

/** `10/1s`, `5/m`, `100` (per second). */
export function parseRateLimit(text: string): RateLimit {
  const match = /^\s*(\d+)\s*(?:\/\s*(\d*)\s*(ms|s|m)?)?\s*$/.exec(text);
  if (!match || Number(match[1]) < 1) throw new Error(`"${text}" is not a rate such as 10/1s or 60/m`);
  const count = Number(match[2] || 1);
  const unit = match[3] === 'ms' ? 1 : match[3] === 'm' ? 60_000 : 1000;
  return { max: Number(match[1]), durationMs: count * unit };
}

/** Parses the two objects' data (the Secret's values already base64-decoded). */
export function parseNotificationConfig(
  data: Readonly<Record<string, string>>,
  secretData: Readonly<Record<string, string>> = {},
): NotificationConfig {
  const config: NotificationConfig = {
    services: new Map(),
    templates: new Map(),
    triggers: new Map(),
    defaultTriggers: [],
    serviceDefaultTriggers: new Map(),
    subscriptions: [],
    context: {},
    secrets: { ...secretData },
    settings: {
      networks: [],
      rateLimits: new Map(),
      defaultRateLimit: DEFAULT_RATE_LIMIT,
      attempts: DEFAULT_ATTEMPTS,
      timeoutMs: 10_000,
    },
    problems: [],
  };
  for (const [key, value] of Object.entries(data).sort(([a], [b]) => a.localeCompare(b))) {
    try {
      readKey(config, key, value, secretData);
    } catch (error) {
      config.problems.push({ key, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return config;
}

function readKey(
  config: NotificationConfig,
  key: string,
  value: string,
  secretData: Readonly<Record<string, string>>,
): void {
  if (key.startsWith('service.')) {
    const [type = '', ...rest] = key.slice('service.'.length).split('.');
    const name = rest.length > 0 ? rest.join('.') : type;
    if (!type) throw new Error('names no service type');
    const parsed = yamlValue(value) ?? {};
    if (!isRecord(parsed)) throw new Error('must be a YAML map of the service settings');
    const { value: replaced, used } = replaceSecretRefs(parsed, secretData);
    config.services.set(name, { name, type, config: replaced as Record<string, unknown>, secrets: used });
  } else if (key.startsWith('template.')) {
    const name = key.slice('template.'.length);
    const parsed = yamlValue(value) ?? {};
    if (!isRecord(parsed)) throw new Error('must be a YAML map with message and per-service sections');
    const { engine, ...fields } = parsed;
    if (engine !== undefined && engine !== 'go' && engine !== 'handlebars')
      throw new Error(`engine must be go or handlebars, not ${JSON.stringify(engine)}`);
    config.templates.set(name, { name, engine: engine === 'handlebars' ? 'handlebars' : 'go', fields });
  } else if (key.startsWith('trigger.')) {
    const name = key.slice('trigger.'.length);
    config.triggers.set(name, compileTrigger(name, parseTriggerYaml(name, value)));
  } else if (key === 'defaultTriggers') {
    config.defaultTriggers = stringList(yamlValue(value));
  } else if (key.startsWith('defaultTriggers.')) {
    config.serviceDefaultTriggers.set(key.slice('defaultTriggers.'.length), stringList(yamlValue(value)));
  } else if (key === 'subscriptions') {
    config.subscriptions = readSubscriptions(yamlValue(value));
  } else if (key === 'context') {
    const parsed = yamlValue(value) ?? {};
    if (!isRecord(parsed)) throw new Error('must be a YAML map of names to values');
    config.context = Object.fromEntries(Object.entries(parsed).map(([name, item]) => [name, String(item)]));
  } else if (key === 'driftless.http.networks') {
    const networks = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    for (const network of networks) {
      if (network !== 'loopback' && network !== 'private')
        throw new Error(`${network} is not a network class to allow (loopback, private)`);
    }
    config.settings.networks = networks as NotificationSettings['networks'];
  } else if (key === 'driftless.rateLimit') {
    config.settings.defaultRateLimit = parseRateLimit(value);
  } else if (key.startsWith('driftless.rateLimit.')) {
    config.settings.rateLimits.set(key.slice('driftless.rateLimit.'.length), parseRateLimit(value));
  } else if (key === 'driftless.delivery.attempts') {
    const attempts = Number(value);
    if (!Number.isInteger(attempts) || attempts < 1 || attempts > 50) throw new Error('must be a number from 1 to 50');
    config.settings.attempts = attempts;
  } else if (key === 'driftless.delivery.timeoutSeconds') {
    const seconds = Number(value);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 120)
      throw new Error('must be a number of seconds up to 120');
    config.settings.timeoutMs = Math.round(seconds * 1000);
  }
}

function readSubscriptions(document: unknown): SubscriptionConfig[] {
  if (document === null || document === undefined) return [];
  if (!Array.isArray(document)) throw new Error('must be a YAML list of {recipients, triggers, selector}');
  return document.map((entry: unknown, index) => {
    if (!isRecord(entry)) throw new Error(`entry [${index}] must be a map`);
    const selector = typeof entry.selector === 'string' && entry.selector.trim() ? entry.selector : undefined;
    return {
      recipients: stringList(entry.recipients),
      triggers: stringList(entry.triggers),
      selector: selector ? parseLabelSelector(selector) : undefined,
    };
  });
}
