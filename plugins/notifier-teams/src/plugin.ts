// builtin.notifier-teams: posts a MessageCard to the incoming webhook named by the recipient
import { defineNotifier } from '@driftless/plugin-sdk';
import { buildTeamsRequests, httpOutcome } from './teams-request';

export default defineNotifier({
  async deliver(input, host) {
    const plan = buildTeamsRequests(input, Date.now());
    if ('invalid' in plan) return { delivered: false, retryable: false, detail: plan.invalid };
    for (const request of plan.requests) {
      const response = await host.http.fetch(request);
      const outcome = httpOutcome(response.status, response.body, `Microsoft Teams ${request.method ?? 'GET'}`);
      if (!outcome.delivered) return outcome;
    }
    return { delivered: true };
  },
});
