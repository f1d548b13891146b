import { type HttpRequest, type NotifierInput } from '@driftless/plugin-sdk';

export type RequestPlan = { requests: HttpRequest[] } | { invalid: string };

const insecure = 'insecureSkipVerify is not supported — TLS is always verified';

const json = { 'Content-Type': 'application/json' };

export interface AlertmanagerServiceConfig {
  /** `host:port` of each Alertmanager (default 127.0.0.1:9093). */
  targets?: string[];
  scheme?: 'http' | 'https';
  apiPath?: string;
  basicAuth?: { username?: string; password?: string };
  bearerToken?: string;
  insecureSkipVerify?: boolean;
}

interface AlertmanagerTemplate {
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
  generatorURL?: string;
}

function base64(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes = [
    ...encodeURIComponent(text).replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  ].map((char) => char.charCodeAt(0));
  let out = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = (bytes[index]! << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    out += alphabet[(chunk >> 18) & 63]! + alphabet[(chunk >> 12) & 63]!;
    out += index + 1 < bytes.length ? alphabet[(chunk >> 6) & 63]! : '=';
    out += index + 2 < bytes.length ? alphabet[chunk & 63]! : '=';
  }
  return out;
}

const strings = (record: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(record ?? {}).map(([key, value]) => [key, String(value)]));

export function buildAlertmanagerRequests(input: NotifierInput, now: number): RequestPlan {
  const config = input.config as AlertmanagerServiceConfig;
  if (config.insecureSkipVerify === true) return { invalid: insecure };
  const section = (input.notification.fields?.alertmanager ?? {}) as AlertmanagerTemplate;
  const labels = strings(section.labels);
  if (Object.keys(labels).length === 0) return { invalid: 'alertmanager.labels must name at least one label' };
  const alert = {
    labels,
    annotations: strings(section.annotations),
    ...(section.generatorURL ? { generatorURL: section.generatorURL } : {}),
    startsAt: new Date(now).toISOString(),
  };
  const headers: Record<string, string> = { ...json };
  if (config.bearerToken) headers.Authorization = `Bearer ${config.bearerToken}`;
  else if (config.basicAuth?.username)
    headers.Authorization = `Basic ${base64(`${config.basicAuth.username}:${config.basicAuth.password ?? ''}`)}`;
  const scheme = config.scheme ?? 'http';
  const path = config.apiPath ?? '/api/v2/alerts';
  return {
    requests: (config.targets?.length ? config.targets : ['127.0.0.1:9093']).map((target) => ({
      url: `${scheme}://${target}${path}`,
      method: 'POST' as const,
      headers,
      body: JSON.stringify([alert]),
    })),
  };
}
