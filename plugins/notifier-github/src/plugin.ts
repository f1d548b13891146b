// builtin.notifier-github: runs the calls planGithubCalls lists, in order; a deployment's status
// goes to the deployment the previous call created, comments to each pull request of the commit.
import { defineNotifier, type HttpResponse, type NotifierOutput } from '@driftless/plugin-sdk';
import { planGithubCalls } from './github-calls';

function failure(response: HttpResponse, what: string): NotifierOutput {
  const retryable = response.status === 429 || response.status >= 500;
  return {
    delivered: false,
    status: response.status,
    retryable,
    detail: `github ${what} answered ${response.status}: ${response.body.slice(0, 200)}`,
  };
}

export default defineNotifier({
  async deliver(input, host) {
    const plan = planGithubCalls(input);
    if ('invalid' in plan) return { delivered: false, retryable: false, detail: plan.invalid };
    let deploymentPath = '';
    let pulls: number[] = [];
    for (const call of plan.calls) {
      const targets =
        call.path === '{deployment}'
          ? [deploymentPath]
          : call.path === '{pulls}'
            ? pulls.map(
                (number) =>
                  `${plan.calls.find((c) => c.kind === 'pulls')!.path.replace(/\/commits\/.*$/, '')}/issues/${number}/comments`,
              )
            : [call.path];
      for (const path of targets) {
        const response = await host.http.fetch({
          url: `${plan.base}${path}`,
          method: call.method,
          headers: plan.headers,
          ...(call.method === 'POST' && 'body' in call && call.body ? { body: JSON.stringify(call.body) } : {}),
        });
        if (response.status < 200 || response.status >= 300) return failure(response, call.kind);
        if (call.kind === 'deployment') {
          const id = (JSON.parse(response.body) as { id?: number }).id;
          deploymentPath = `${path}/${String(id)}/statuses`;
        }
        if (call.kind === 'pulls') {
          pulls = (JSON.parse(response.body) as { number?: number }[]).map((pull) => pull.number ?? 0).filter(Boolean);
        }
      }
    }
    return { delivered: true };
  },
});
