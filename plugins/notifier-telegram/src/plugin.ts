// builtin.notifier-telegram: sends the message with the Bot API (sendMessage)
import { defineNotifier, httpDeliveryOutcome } from '@driftless/plugin-sdk';
import { buildTelegramRequests } from './telegram-request';

export default defineNotifier({
  async deliver(input, host) {
    const plan = buildTelegramRequests(input, Date.now());
    if ('invalid' in plan) return { delivered: false, retryable: false, detail: plan.invalid };
    for (const request of plan.requests) {
      const response = await host.http.fetch(request);
      const outcome = httpDeliveryOutcome(response.status, response.body, `Telegram ${request.method ?? 'GET'}`);
      if (!outcome.delivered) return outcome;
    }
    return { delivered: true };
  },
});
