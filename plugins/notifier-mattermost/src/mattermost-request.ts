import { type HttpRequest, type NotifierInput } from '@driftless/plugin-sdk';

export type RequestPlan = { requests: HttpRequest[] } | { invalid: string };

const insecure = 'insecureSkipVerify is not supported — TLS is always verified';

function jsonList(text: unknown, what: string): unknown[] | string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as unknown[]) : `${what} must be a JSON list`;
  } catch (error) {
    return `${what} is not valid JSON: ${(error as Error).message}`;
  }
}

const json = { 'Content-Type': 'application/json' };

export interface MattermostServiceConfig {
  apiURL?: string;
  token?: string;
  insecureSkipVerify?: boolean;
}

/** POST {apiURL}/api/v4/posts: `channel_id` is the recipient, attachments go in `props`. */
export function buildMattermostRequests(input: NotifierInput, _now: number): RequestPlan {
  const config = input.config as MattermostServiceConfig;
  if (config.insecureSkipVerify === true) return { invalid: insecure };
  if (!config.apiURL || !config.token) return { invalid: `service.${input.service} needs apiURL and token` };
  const section = (input.notification.fields?.mattermost ?? {}) as { attachments?: unknown };
  const attachments = jsonList(section.attachments, 'mattermost.attachments');
  if (typeof attachments === 'string') return { invalid: attachments };
  const post = {
    channel_id: input.destination,
    message: input.notification.body,
    ...(attachments ? { props: { attachments } } : {}),
  };
  return {
    requests: [
      {
        url: `${config.apiURL.replace(/\/+$/, '')}/api/v4/posts`,
        method: 'POST',
        headers: { ...json, Authorization: `Bearer ${config.token}` },
        body: JSON.stringify(post),
      },
    ],
  };
}
