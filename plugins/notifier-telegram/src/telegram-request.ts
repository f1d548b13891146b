import { type HttpRequest, type NotifierInput } from '@driftless/plugin-sdk';

export type RequestPlan = { requests: HttpRequest[] } | { invalid: string };

const json = { 'Content-Type': 'application/json' };

export interface TelegramServiceConfig {
  token?: string;
  /** The Bot API's base (default https://api.telegram.org); a stand-in in tests (Driftless). */
  apiURL?: string;
}

/** POST {apiURL}/bot<token>/sendMessage; a recipient that is not a numeric chat id is a @channel. */
export function buildTelegramRequests(input: NotifierInput, _now: number): RequestPlan {
  const config = input.config as TelegramServiceConfig;
  if (!config.token) return { invalid: `service.${input.service} needs a token` };
  const chat =
    /^-?\d+$/.test(input.destination) || input.destination.startsWith('@')
      ? input.destination
      : `@${input.destination}`;
  const base = (config.apiURL ?? 'https://api.telegram.org').replace(/\/+$/, '');
  return {
    requests: [
      {
        url: `${base}/bot${config.token}/sendMessage`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ chat_id: chat, text: input.notification.body, parse_mode: 'Markdown' }),
      },
    ],
  };
}
