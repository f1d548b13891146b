// What Argo CD's GitHub service does for a notification, as a list of REST calls: a commit status
// (`github.status`), a deployment and its status (`github.deployment`), a comment on each pull
// request of the commit (`github.pullRequestComment`). The repository and commit come from the
// rendered `repoURLPath` and `revisionPath` (the kernel fills Argo CD's defaults). Pure.
import { type NotifierInput } from '@driftless/plugin-sdk';

export interface GithubServiceConfig {
  /** A token with repo:status / deployments / pull-request scope (instead of the app's credentials). */
  token?: string;
  appID?: unknown;
  installationID?: unknown;
  privateKey?: string;
  /** GitHub Enterprise API base, e.g. https://ghe.example.com/api/v3. */
  enterpriseBaseURL?: string;
}

interface GithubTemplate {
  repoURLPath?: string;
  revisionPath?: string;
  status?: { state?: string; label?: string; targetURL?: string };
  deployment?: {
    state?: string;
    environment?: string;
    environmentURL?: string;
    logURL?: string;
    requiredContexts?: string[];
    autoMerge?: boolean | string;
    transientEnvironment?: boolean | string;
    reference?: string;
  };
  pullRequestComment?: { content?: string };
}

/** One REST call; `then` names what a later call needs from this one's answer. */
export type GithubCall =
  | { kind: 'status' | 'deployment' | 'pulls'; method: 'POST' | 'GET'; path: string; body?: Record<string, unknown> }
  | { kind: 'deploymentStatus'; method: 'POST'; path: '{deployment}'; body: Record<string, unknown> }
  | { kind: 'comment'; method: 'POST'; path: '{pulls}'; body: Record<string, unknown> };

export type GithubPlan = { base: string; headers: Record<string, string>; calls: GithubCall[] } | { invalid: string };

/** `https://github.com/o/r.git`, `git@github.com:o/r`, `ssh://git@host/o/r` → `o/r`. */
export function githubRepo(url: string): string | undefined {
  const match = /^(?:[\w+]+:\/\/)?(?:[^@/]+@)?[^:/]+[:/](.+?)(?:\.git)?\/?$/.exec(url.trim());
  const path = match?.[1];
  if (!path) return undefined;
  const parts = path.split('/').filter(Boolean);
  return parts.length >= 2 ? `${parts.at(-2)}/${parts.at(-1)}` : undefined;
}

const statusStates = new Set(['error', 'failure', 'pending', 'success']);
const deploymentStates = new Set(['error', 'failure', 'pending', 'in_progress', 'queued', 'success', 'inactive']);
const truthy = (value: unknown) => value === true || value === 'true';

/** The API base: GitHub's, or `enterpriseBaseURL` for GitHub Enterprise Server. */
export function githubApiBase(config: GithubServiceConfig): string {
  return (config.enterpriseBaseURL ?? 'https://api.github.com').replace(/\/+$/, '');
}

/** The calls for a notification, made with `token` (an app installation's, or the service's own). */
export function planGithubCalls(input: NotifierInput, token: string): GithubPlan {
  const config = input.config as GithubServiceConfig;
  const template = (input.notification.fields?.github ?? {}) as GithubTemplate;
  const repo = githubRepo(template.repoURLPath ?? '');
  if (!repo) return { invalid: `github.repoURLPath "${template.repoURLPath ?? ''}" names no GitHub repository` };
  const sha = (template.revisionPath ?? '').trim();
  if (!sha) return { invalid: 'github.revisionPath rendered empty: the app has no synced revision' };
  const calls: GithubCall[] = [];
  if (template.status) {
    const state = template.status.state ?? 'success';
    if (!statusStates.has(state))
      return { invalid: `github.status.state must be error, failure, pending or success, not "${state}"` };
    calls.push({
      kind: 'status',
      method: 'POST',
      path: `/repos/${repo}/statuses/${sha}`,
      body: {
        state,
        context: template.status.label || 'continuous-delivery/argocd',
        ...(template.status.targetURL ? { target_url: template.status.targetURL } : {}),
      },
    });
  }
  if (template.deployment) {
    const deployment = template.deployment;
    const state = deployment.state ?? 'success';
    if (!deploymentStates.has(state))
      return { invalid: `github.deployment.state "${state}" is not a deployment state` };
    calls.push(
      {
        kind: 'deployment',
        method: 'POST',
        path: `/repos/${repo}/deployments`,
        body: {
          ref: deployment.reference || sha,
          environment: deployment.environment || 'production',
          required_contexts: deployment.requiredContexts ?? [],
          auto_merge: truthy(deployment.autoMerge),
          transient_environment: truthy(deployment.transientEnvironment),
        },
      },
      {
        kind: 'deploymentStatus',
        method: 'POST',
        path: '{deployment}',
        body: {
          state,
          ...(deployment.environmentURL ? { environment_url: deployment.environmentURL } : {}),
          ...(deployment.logURL ? { log_url: deployment.logURL } : {}),
        },
      },
    );
  }
  if (template.pullRequestComment?.content) {
    calls.push(
      { kind: 'pulls', method: 'GET', path: `/repos/${repo}/commits/${sha}/pulls` },
      { kind: 'comment', method: 'POST', path: '{pulls}', body: { body: template.pullRequestComment.content } },
    );
  }
  if (calls.length === 0)
    return { invalid: 'the template has no github.status, github.deployment or github.pullRequestComment' };
  return {
    base: githubApiBase(config),
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'X-GitHub-Api-Version': '2022-11-28',
    },
    calls,
  };
}
