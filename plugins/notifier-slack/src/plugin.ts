// builtin.notifier-slack. Threads of a groupingKey (and the message deliveryPolicy Update edits)
// are remembered in this isolate, per channel — in memory, as Argo CD's Slack service keeps them, so
// after a restart the next message of a group starts a new thread.
import { defineNotifier } from '@driftless/plugin-sdk';
import { buildSlackMessage, slackOutcome, type SlackTemplate } from './slack-message';

const threads = new Map<string, string>();
const MAX_THREADS = 10_000;

export default defineNotifier({
  async deliver(input, host) {
    const template = (input.notification.fields?.slack ?? {}) as SlackTemplate;
    const groupKey = template.groupingKey
      ? `${input.service}\u0000${input.destination}\u0000${template.groupingKey}`
      : '';
    const known = groupKey ? threads.get(groupKey) : undefined;
    const plan = buildSlackMessage(input, { threadTs: known, updateTs: known });
    if (plan.kind === 'invalid') return { delivered: false, retryable: false, detail: plan.detail };
    const response = await host.http.fetch(plan.request);
    const outcome = slackOutcome(response.status, response.body, plan.method);
    if (outcome.delivered && groupKey && outcome.ts && !known) {
      if (threads.size >= MAX_THREADS) threads.delete(threads.keys().next().value as string);
      threads.set(groupKey, outcome.ts);
    }
    const { ts: _ts, ...result } = outcome;
    return result;
  },
});
