// What Argo CD's Slack service sends: chat.postMessage (or chat.update, per deliveryPolicy and
// groupingKey) with the message as text, the template's attachments and blocks (JSON strings),
// username and icon (an emoji `:name:` or an image URL); with `webhookURL` (Driftless) the same
// payload goes to an incoming webhook, which posts to the channel it was made for. Pure.
import { type HttpRequest, type NotifierInput, type NotifierOutput } from '@driftless/plugin-sdk';

export interface SlackServiceConfig {
  token?: string;
  username?: string;
  icon?: string;
  /** Slack's API base (default https://slack.com/api/); a stand-in in tests. */
  apiURL?: string;
  /** An incoming webhook instead of a bot token (Driftless). */
  webhookURL?: string;
  insecureSkipVerify?: boolean;
}

export interface SlackTemplate {
  attachments?: string;
  blocks?: string;
  groupingKey?: string;
  notifyBroadcast?: boolean | string;
  deliveryPolicy?: 'Post' | 'Update' | 'PostAndUpdate';
}

export type SlackPlan =
  | { kind: 'send'; request: HttpRequest; method: 'chat.postMessage' | 'chat.update' | 'webhook' }
  | { kind: 'invalid'; detail: string };

function parseJsonList(text: string | undefined, what: string): unknown[] | string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value)) return `slack.${what} must be a JSON list`;
    return value as unknown[];
  } catch (error) {
    return `slack.${what} is not valid JSON: ${(error as Error).message}`;
  }
}

/**
 * `threadTs`: the ts of the first message of the groupingKey thread, when known; `updateTs`: the
 * message to update (deliveryPolicy Update/PostAndUpdate).
 */
export function buildSlackMessage(
  input: NotifierInput,
  state: { threadTs?: string | undefined; updateTs?: string | undefined } = {},
): SlackPlan {
  const config = input.config as SlackServiceConfig;
  if (config.insecureSkipVerify === true) {
    return { kind: 'invalid', detail: 'insecureSkipVerify is not supported — Driftless always verifies TLS' };
  }
  const template = (input.notification.fields?.slack ?? {}) as SlackTemplate;
  const attachments = parseJsonList(template.attachments, 'attachments');
  if (typeof attachments === 'string') return { kind: 'invalid', detail: attachments };
  const blocks = parseJsonList(template.blocks, 'blocks');
  if (typeof blocks === 'string') return { kind: 'invalid', detail: blocks };
  const payload: Record<string, unknown> = { text: input.notification.body };
  if (attachments) payload.attachments = attachments;
  if (blocks) payload.blocks = blocks;
  if (config.username) payload.username = config.username;
  if (config.icon) {
    if (/^:.+:$/.test(config.icon)) payload.icon_emoji = config.icon;
    else payload.icon_url = config.icon;
  }
  if (config.webhookURL) {
    return {
      kind: 'send',
      method: 'webhook',
      request: {
        url: config.webhookURL,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
      },
    };
  }
  if (!config.token) return { kind: 'invalid', detail: 'service.slack needs a token (or webhookURL)' };
  payload.channel = input.destination;
  const update =
    state.updateTs !== undefined && template.deliveryPolicy !== undefined && template.deliveryPolicy !== 'Post';
  if (update) payload.ts = state.updateTs;
  else if (state.threadTs) {
    payload.thread_ts = state.threadTs;
    if (template.notifyBroadcast === true || template.notifyBroadcast === 'true') payload.reply_broadcast = true;
  }
  const base = (config.apiURL ?? 'https://slack.com/api/').replace(/\/*$/, '/');
  const method = update ? 'chat.update' : 'chat.postMessage';
  return {
    kind: 'send',
    method,
    request: {
      url: `${base}${method}`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${config.token}` },
      body: JSON.stringify(payload),
    },
  };
}

/** Slack errors that no retry fixes. */
const permanentErrors = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_blocks',
  'invalid_attachments',
  'missing_scope',
  'msg_too_long',
]);

/** Reads Slack's answer: HTTP status plus, for the Web API, `{ok, error, ts}`. */
export function slackOutcome(
  status: number,
  body: string,
  method: string,
): NotifierOutput & { ts?: string | undefined } {
  if (status === 429 || status >= 500) {
    return { delivered: false, status, retryable: true, detail: `slack ${method} answered ${status}` };
  }
  if (status < 200 || status >= 300) {
    return {
      delivered: false,
      status,
      retryable: false,
      detail: `slack ${method} answered ${status}: ${body.slice(0, 200)}`,
    };
  }
  if (method === 'webhook') return { delivered: true, status };
  let answer: { ok?: boolean; error?: string; ts?: string } = {};
  try {
    answer = JSON.parse(body) as typeof answer;
  } catch {
    return { delivered: false, status, retryable: true, detail: `slack ${method} answered with no JSON` };
  }
  if (answer.ok === true) return { delivered: true, status, ts: answer.ts };
  const error = answer.error ?? 'unknown_error';
  return { delivered: false, status, retryable: !permanentErrors.has(error), detail: `slack ${method}: ${error}` };
}
