// builtin.notifier-github: runs the calls planGithubCalls lists, in order; a deployment's status
// goes to the deployment the previous call created, comments to each pull request of the commit.
// With a GitHub App's credentials (Argo CD's way) it first gets an installation token, kept in
// the isolate until shortly before it expires.
import {
  defineNotifier,
  type HostApi,
  type HttpResponse,
  type NotifierInput,
  type NotifierOutput,
} from '@driftless/plugin-sdk';
import { appCredentials, appJwtSigningInput, installationToken, installationTokenRequest } from './github-app-token';
import { githubApiBase, planGithubCalls, type GithubServiceConfig } from './github-calls';

/** Installation tokens by API base, app and installation. */
const installationTokens = new Map<string, { token: string; expiresAt: number }>();

function failure(response: HttpResponse, what: string): NotifierOutput {
  const retryable = response.status === 429 || response.status >= 500;
  return {
    delivered: false,
    status: response.status,
    retryable,
    detail: `github ${what} answered ${response.status}: ${response.body.slice(0, 200)}`,
  };
}

/** The token to call GitHub with, or why there is none. */
async function tokenFor(input: NotifierInput, host: HostApi): Promise<string | NotifierOutput> {
  const config = input.config as GithubServiceConfig;
  if (typeof config.token === 'string' && config.token !== '') return config.token;
  const credentials = appCredentials(input.config);
  if (!credentials)
    return {
      delivered: false,
      retryable: false,
      detail: `service.${input.service} needs a token or GitHub App credentials (appID, installationID, privateKey)`,
    };
  if ('invalid' in credentials) return { delivered: false, retryable: false, detail: credentials.invalid };
  const base = githubApiBase(config);
  const key = `${base}|${credentials.appID}|${credentials.installationID}`;
  const cached = installationTokens.get(key);
  if (cached && cached.expiresAt - Date.now() > 60_000) return cached.token;
  const signingInput = appJwtSigningInput(credentials.appID, Math.floor(Date.now() / 1000));
  const { signature } = await host.crypto.sign({ algorithm: 'RS256', key: credentials.privateKey, data: signingInput });
  const response = await host.http.fetch(
    installationTokenRequest(base, credentials.installationID, `${signingInput}.${signature}`),
  );
  if (response.status < 200 || response.status >= 300) return failure(response, 'installation token');
  const issued = installationToken(response.body);
  if (!issued)
    return { delivered: false, retryable: true, detail: 'github installation token: the answer carried no token' };
  installationTokens.set(key, issued);
  return issued.token;
}

export default defineNotifier({
  async deliver(input, host) {
    const token = await tokenFor(input, host);
    if (typeof token !== 'string') return token;
    const plan = planGithubCalls(input, token);
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
