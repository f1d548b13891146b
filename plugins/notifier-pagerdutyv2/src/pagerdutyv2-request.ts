import { type HttpRequest, type NotifierInput } from '@driftless/plugin-sdk';

export type RequestPlan = { requests: HttpRequest[] } | { invalid: string };

const json = { 'Content-Type': 'application/json' };

export interface PagerdutyServiceConfig {
  serviceKeys?: Record<string, string>;
  /** Events API base (default https://events.pagerduty.com); a stand-in in tests (Driftless). */
  apiURL?: string;
}

interface PagerdutyTemplate {
  summary?: string;
  severity?: string;
  source?: string;
  component?: string;
  group?: string;
  class?: string;
  url?: string;
}

const severities = new Set(['critical', 'error', 'warning', 'info']);

export function buildPagerdutyv2Requests(input: NotifierInput, _now: number): RequestPlan {
  const config = input.config as PagerdutyServiceConfig;
  const routingKey = config.serviceKeys?.[input.destination];
  if (!routingKey) return { invalid: `service.${input.service} has no serviceKeys entry for "${input.destination}"` };
  const section = (input.notification.fields?.pagerdutyv2 ?? {}) as PagerdutyTemplate;
  const severity = section.severity || 'info';
  if (!severities.has(severity))
    return { invalid: `pagerdutyv2.severity must be critical, error, warning or info, not "${severity}"` };
  const payload: Record<string, unknown> = {
    summary: (section.summary || input.notification.body || input.notification.title).slice(0, 1024),
    severity,
    source: section.source || 'argocd',
  };
  for (const field of ['component', 'group', 'class'] as const) if (section[field]) payload[field] = section[field];
  const event = {
    routing_key: routingKey,
    event_action: 'trigger',
    payload,
    ...(section.url ? { links: [{ href: section.url }] } : {}),
  };
  const base = (config.apiURL ?? 'https://events.pagerduty.com').replace(/\/+$/, '');
  return { requests: [{ url: `${base}/v2/enqueue`, method: 'POST', headers: json, body: JSON.stringify(event) }] };
}
