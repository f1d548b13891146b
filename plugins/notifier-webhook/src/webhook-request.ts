// The request Argo CD's webhook service sends: the service's `url` plus the template's
// `webhook.<name>.path`, the template's method (GET when unset) and body, the service's headers and
// basic auth. Pure, so it is tested without the sandbox.
import { type HttpRequest, type NotifierInput } from '@driftless/plugin-sdk';
import { base64Utf8 } from './base64';

export interface WebhookServiceConfig {
  url?: string;
  headers?: { name: string; value: string }[];
  basicAuth?: { username?: string; password?: string };
  insecureSkipVerify?: boolean;
}

export type WebhookPlan =
  { kind: 'send'; request: HttpRequest } | { kind: 'skip'; detail: string } | { kind: 'invalid'; detail: string };

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

function joinUrl(base: string, path: string): string {
  if (!path) return base;
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function buildWebhookRequest(input: NotifierInput): WebhookPlan {
  const config = input.config as WebhookServiceConfig;
  if (typeof config.url !== 'string' || !config.url) {
    return { kind: 'invalid', detail: `service.webhook.${input.service} has no url` };
  }
  if (config.insecureSkipVerify === true) {
    return {
      kind: 'invalid',
      detail: `service.webhook.${input.service}: insecureSkipVerify is not supported — Driftless always verifies TLS; use a certificate the system trusts`,
    };
  }
  const sections = (input.notification.fields?.webhook ?? {}) as Record<string, unknown>;
  const section = sections[input.service] as { method?: unknown; path?: unknown; body?: unknown } | undefined;
  // As in Argo CD: a template without a section for this webhook sends nothing to it.
  if (!section) return { kind: 'skip', detail: `the template has no webhook.${input.service} section` };
  const method = (typeof section.method === 'string' && section.method ? section.method : 'GET').toUpperCase();
  if (!methods.has(method)) return { kind: 'invalid', detail: `webhook method ${method} is not supported` };
  const headers: Record<string, string> = {};
  for (const header of Array.isArray(config.headers) ? config.headers : []) {
    if (header && typeof header.name === 'string') headers[header.name] = String(header.value ?? '');
  }
  if (config.basicAuth && typeof config.basicAuth.username === 'string') {
    headers.Authorization = `Basic ${base64Utf8(`${config.basicAuth.username}:${config.basicAuth.password ?? ''}`)}`;
  }
  const body = typeof section.body === 'string' ? section.body : undefined;
  return {
    kind: 'send',
    request: {
      url: joinUrl(config.url, typeof section.path === 'string' ? section.path : ''),
      method: method as NonNullable<HttpRequest['method']>,
      headers,
      ...(body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
    },
  };
}
