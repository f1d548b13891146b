import { type HttpRequest, type NotifierInput } from '@driftless/plugin-sdk';

export type RequestPlan = { requests: HttpRequest[] } | { invalid: string };

const insecure = 'insecureSkipVerify is not supported — TLS is always verified';

const json = { 'Content-Type': 'application/json' };

export interface GrafanaServiceConfig {
  apiUrl?: string;
  apiKey?: string;
  insecureSkipVerify?: boolean;
}

/** POST {apiUrl}/annotations with the time of the notification. */
export function buildGrafanaRequests(input: NotifierInput, now: number): RequestPlan {
  const config = input.config as GrafanaServiceConfig;
  if (config.insecureSkipVerify === true) return { invalid: insecure };
  if (!config.apiUrl || !config.apiKey) return { invalid: `service.${input.service} needs apiUrl and apiKey` };
  const annotation = {
    time: now,
    isRegion: false,
    tags: input.destination
      .split('|')
      .map((tag) => tag.trim())
      .filter(Boolean),
    text: input.notification.body,
  };
  return {
    requests: [
      {
        url: `${config.apiUrl.replace(/\/+$/, '')}/annotations`,
        method: 'POST',
        headers: { ...json, Authorization: `Bearer ${config.apiKey}` },
        body: JSON.stringify(annotation),
      },
    ],
  };
}
