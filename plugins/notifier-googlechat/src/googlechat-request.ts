import { type HttpRequest, type NotifierInput } from '@driftless/plugin-sdk';

export type RequestPlan = { requests: HttpRequest[] } | { invalid: string };

function jsonList(text: unknown, what: string): unknown[] | string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as unknown[]) : `${what} must be a JSON list`;
  } catch (error) {
    return `${what} is not valid JSON: ${(error as Error).message}`;
  }
}

export interface GoogleChatServiceConfig {
  webhooks?: Record<string, string>;
}

/** One POST to `webhooks[recipient]`; a threadKey replies in (or starts) that thread. */
export function buildGooglechatRequests(input: NotifierInput, _now: number): RequestPlan {
  const config = input.config as GoogleChatServiceConfig;
  const webhook = config.webhooks?.[input.destination];
  if (!webhook) return { invalid: `service.${input.service} has no webhooks entry for "${input.destination}"` };
  const section = (input.notification.fields?.googlechat ?? {}) as {
    cards?: unknown;
    cardsV2?: unknown;
    threadKey?: unknown;
  };
  const cards = jsonList(section.cards, 'googlechat.cards');
  const cardsV2 = jsonList(section.cardsV2, 'googlechat.cardsV2');
  for (const problem of [cards, cardsV2]) if (typeof problem === 'string') return { invalid: problem };
  const message: Record<string, unknown> = {};
  if (input.notification.body) message.text = input.notification.body;
  if (cards) message.cards = cards;
  if (cardsV2) message.cardsV2 = cardsV2;
  let url = webhook;
  if (typeof section.threadKey === 'string' && section.threadKey) {
    const separator = url.includes('?') ? '&' : '?';
    url += `${separator}threadKey=${encodeURIComponent(section.threadKey)}&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`;
  }
  return {
    requests: [
      {
        url,
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=UTF-8' },
        body: JSON.stringify(message),
      },
    ],
  };
}
