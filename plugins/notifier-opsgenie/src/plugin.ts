// builtin.notifier-opsgenie: creates an alert (POST /v2/alerts) for the recipient team
import { defineNotifier, httpDeliveryOutcome } from '@driftless/plugin-sdk';
import { buildOpsgenieRequests } from './opsgenie-request';

export default defineNotifier({
  async deliver(input, host) {
    const plan = buildOpsgenieRequests(input, Date.now());
    if ('invalid' in plan) return { delivered: false, retryable: false, detail: plan.invalid };
    for (const request of plan.requests) {
      const response = await host.http.fetch(request);
      const outcome = httpDeliveryOutcome(response.status, response.body, `Opsgenie ${request.method ?? 'GET'}`);
      if (!outcome.delivered) return outcome;
    }
    return { delivered: true };
  },
});
