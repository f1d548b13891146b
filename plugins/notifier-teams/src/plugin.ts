// builtin.notifier-teams: posts a MessageCard to the incoming webhook named by the recipient
// (`teams`), or an Adaptive Card to a Teams Workflows webhook (`teams-workflows`)
import { defineNotifier, httpDeliveryOutcome } from '@driftless/plugin-sdk';
import { buildTeamsRequests } from './teams-request';
import { buildWorkflowsRequests } from './teams-workflows';

export default defineNotifier({
  async deliver(input, host) {
    const plan =
      (input.serviceType ?? input.service) === 'teams-workflows'
        ? buildWorkflowsRequests(input)
        : buildTeamsRequests(input, Date.now());
    if ('invalid' in plan) return { delivered: false, retryable: false, detail: plan.invalid };
    for (const request of plan.requests) {
      const response = await host.http.fetch(request);
      const outcome = httpDeliveryOutcome(response.status, response.body, `Microsoft Teams ${request.method ?? 'GET'}`);
      if (!outcome.delivered) return outcome;
    }
    return { delivered: true };
  },
});
