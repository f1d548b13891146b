import { type HttpRequest, type NotifierInput } from '@driftless/plugin-sdk';

export type RequestPlan = { requests: HttpRequest[] } | { invalid: string };

const json = { 'Content-Type': 'application/json' };

export interface OpsgenieServiceConfig {
  /** `api.opsgenie.com` (default), `api.eu.opsgenie.com`, or a URL. */
  apiUrl?: string;
  apiKeys?: Record<string, string>;
}

interface OpsgenieTemplate {
  description?: string;
  priority?: string;
  alias?: string;
  note?: string;
  tags?: string;
}

export function buildOpsgenieRequests(input: NotifierInput, _now: number): RequestPlan {
  const config = input.config as OpsgenieServiceConfig;
  const key = config.apiKeys?.[input.destination];
  if (!key) return { invalid: `service.${input.service} has no apiKeys entry for "${input.destination}"` };
  const section = (input.notification.fields?.opsgenie ?? {}) as OpsgenieTemplate;
  if (section.priority && !/^P[1-5]$/.test(section.priority))
    return { invalid: `opsgenie.priority must be P1…P5, not "${section.priority}"` };
  const host = config.apiUrl ?? 'api.opsgenie.com';
  const base = (/^https?:\/\//.test(host) ? host : `https://${host}`).replace(/\/+$/, '');
  const alert: Record<string, unknown> = {
    message: (input.notification.body || input.notification.title).slice(0, 130),
    description: section.description ?? input.notification.body,
    responders: [{ type: 'team', id: input.destination }],
  };
  for (const field of ['priority', 'alias', 'note'] as const) if (section[field]) alert[field] = section[field];
  if (section.tags)
    alert.tags = section.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
  return {
    requests: [
      {
        url: `${base}/v2/alerts`,
        method: 'POST',
        headers: { ...json, Authorization: `GenieKey ${key}` },
        body: JSON.stringify(alert),
      },
    ],
  };
}
