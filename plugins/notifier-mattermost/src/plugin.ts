// builtin.notifier-mattermost: posts to a channel with the REST API (POST /api/v4/posts)
import { defineNotifier, httpDeliveryOutcome } from '@driftless/plugin-sdk';
import { buildMattermostRequests } from './mattermost-request';

export default defineNotifier({
  async deliver(input, host) {
    const plan = buildMattermostRequests(input, Date.now());
    if ('invalid' in plan) return { delivered: false, retryable: false, detail: plan.invalid };
    for (const request of plan.requests) {
      const response = await host.http.fetch(request);
      const outcome = httpDeliveryOutcome(response.status, response.body, `Mattermost ${request.method ?? 'GET'}`);
      if (!outcome.delivered) return outcome;
    }
    return { delivered: true };
  },
});
