// builtin.notifier-grafana: creates an annotation tagged with the recipient tags
import { defineNotifier, httpDeliveryOutcome } from '@driftless/plugin-sdk';
import { buildGrafanaRequests } from './grafana-request';

export default defineNotifier({
  async deliver(input, host) {
    const plan = buildGrafanaRequests(input, Date.now());
    if ('invalid' in plan) return { delivered: false, retryable: false, detail: plan.invalid };
    for (const request of plan.requests) {
      const response = await host.http.fetch(request);
      const outcome = httpDeliveryOutcome(response.status, response.body, `Grafana ${request.method ?? 'GET'}`);
      if (!outcome.delivered) return outcome;
    }
    return { delivered: true };
  },
});
