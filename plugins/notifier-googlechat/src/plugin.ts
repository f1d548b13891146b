// builtin.notifier-googlechat: posts text or cards to the space webhook named by the recipient
import { defineNotifier, httpDeliveryOutcome } from '@driftless/plugin-sdk';
import { buildGooglechatRequests } from './googlechat-request';

export default defineNotifier({
  async deliver(input, host) {
    const plan = buildGooglechatRequests(input, Date.now());
    if ('invalid' in plan) return { delivered: false, retryable: false, detail: plan.invalid };
    for (const request of plan.requests) {
      const response = await host.http.fetch(request);
      const outcome = httpDeliveryOutcome(response.status, response.body, `Google Chat ${request.method ?? 'GET'}`);
      if (!outcome.delivered) return outcome;
    }
    return { delivered: true };
  },
});
