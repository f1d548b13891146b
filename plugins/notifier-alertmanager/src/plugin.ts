// builtin.notifier-alertmanager: posts an alert to every target (POST /api/v2/alerts)
import { defineNotifier, httpDeliveryOutcome } from '@driftless/plugin-sdk';
import { buildAlertmanagerRequests } from './alertmanager-request';

export default defineNotifier({
  async deliver(input, host) {
    const plan = buildAlertmanagerRequests(input, Date.now());
    if ('invalid' in plan) return { delivered: false, retryable: false, detail: plan.invalid };
    for (const request of plan.requests) {
      const response = await host.http.fetch(request);
      const outcome = httpDeliveryOutcome(response.status, response.body, `Alertmanager ${request.method ?? 'GET'}`);
      if (!outcome.delivered) return outcome;
    }
    return { delivered: true };
  },
});
