// Azure DevOps: `git.push` service hooks, authenticated with basic auth
// (webhook.azuredevops.username/password) when those are set.
import { arrayAt, stringAt } from '../json-fields';
import { ignored, invalid, parseRef, type ParsedPayload } from '../push-event';
import { sameSecret } from '../signature';
import { jsonBody } from './json-body';
import { header, refused, verified, type WebhookProvider } from './provider';

export const azureDevOps: WebhookProvider = {
  name: 'azuredevops',
  claims: (headers) => header(headers, 'x-vss-activityid') !== undefined,

  verify({ headers }, secrets) {
    if (!secrets.azureDevOpsUsername && !secrets.azureDevOpsPassword) return verified;
    const credentials = basicCredentials(header(headers, 'authorization'));
    if (!credentials) return refused('Azure DevOps webhook without basic auth');
    // Both compared, always: which part was wrong must not show in the timing.
    const userOk = sameSecret(credentials.username, secrets.azureDevOpsUsername ?? '');
    const passwordOk = sameSecret(credentials.password, secrets.azureDevOpsPassword ?? '');
    return userOk && passwordOk ? verified : refused('Azure DevOps webhook basic auth verification failed');
  },

  parse({ body }): ParsedPayload {
    const payload = jsonBody(body);
    if (payload === undefined) return invalid('the body is not JSON');
    if (stringAt(payload, 'eventType') !== 'git.push') return ignored('not a git.push event');
    const remoteUrl = stringAt(payload, 'resource', 'repository', 'remoteUrl');
    const refName = stringAt(arrayAt(payload, 'resource', 'refUpdates')?.[0], 'name');
    if (!remoteUrl || !refName) return invalid('git.push event without resource.repository.remoteUrl or refUpdates');
    const { revision, refKind } = parseRef(refName);
    const defaultBranch = stringAt(payload, 'resource', 'repository', 'defaultBranch');
    return {
      kind: 'push',
      event: {
        provider: 'azuredevops',
        repoUrls: [remoteUrl],
        revision,
        refKind,
        touchedHead: defaultBranch !== undefined && refName === defaultBranch,
        changedFiles: undefined,
      },
    };
  },
};

function basicCredentials(authorization: string | undefined): { username: string; password: string } | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
