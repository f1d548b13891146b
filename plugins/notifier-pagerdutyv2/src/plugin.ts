// builtin.notifier-pagerdutyv2: triggers an alert with the Events API v2
import { defineNotifier, httpDeliveryOutcome } from '@driftless/plugin-sdk';
import { buildPagerdutyv2Requests } from './pagerdutyv2-request';

export default defineNotifier({
  async deliver(input, host) {
    const plan = buildPagerdutyv2Requests(input, Date.now());
    if ('invalid' in plan) return { delivered: false, retryable: false, detail: plan.invalid };
    for (const request of plan.requests) {
      const response = await host.http.fetch(request);
      const outcome = httpDeliveryOutcome(response.status, response.body, `PagerDuty ${request.method ?? 'GET'}`);
      if (!outcome.delivered) return outcome;
    }
    return { delivered: true };
  },
});
