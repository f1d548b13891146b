// builtin.notifier-webhook: one HTTP request per notification. Its http grant is the service's
// url host only (the kernel grants per service, from argocd-notifications-cm). Retries are the
// delivery queue's: a 5xx, 429 or no answer is retryable, other statuses are not.
import { defineNotifier } from '@driftless/plugin-sdk';
import { buildWebhookRequest } from './webhook-request';

export default defineNotifier({
  async deliver(input, host) {
    const plan = buildWebhookRequest(input);
    if (plan.kind === 'skip') return { delivered: true, detail: plan.detail };
    if (plan.kind === 'invalid') return { delivered: false, retryable: false, detail: plan.detail };
    const response = await host.http.fetch(plan.request);
    if (response.status >= 200 && response.status < 300) return { delivered: true, status: response.status };
    return {
      delivered: false,
      status: response.status,
      retryable: response.status >= 500 || response.status === 429 || response.status === 408,
      detail: `${plan.request.method ?? 'GET'} ${plan.request.url} answered ${response.status}: ${response.body.slice(0, 200)}`,
    };
  },
});
