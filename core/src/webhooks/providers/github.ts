// GitHub (and GitHub Enterprise): `push` and `ping` events, signed with
// X-Hub-Signature-256 when webhook.github.secret is set. GitHub may post the
// payload JSON or a form with a `payload` field; the signature covers the raw body either way.
import { changedFilesOfCommits, parseJson, stringAt, valueAt } from '../json-fields';
import { ignored, invalid, parseRef, type ParsedPayload } from '../push-event';
import { validPrefixedHmac } from '../signature';
import { header, refused, verified, type WebhookProvider, type WebhookRequest } from './provider';

export const github: WebhookProvider = {
  name: 'github',
  claims: (headers) => header(headers, 'x-github-event') !== undefined,

  verify({ headers, body }, secrets) {
    if (!secrets.github) return verified;
    const signature = header(headers, 'x-hub-signature-256');
    if (!signature) return refused('GitHub webhook without X-Hub-Signature-256');
    return validPrefixedHmac(body, secrets.github, signature)
      ? verified
      : refused('GitHub webhook HMAC verification failed');
  },

  parse(request): ParsedPayload {
    const event = header(request.headers, 'x-github-event');
    if (event === 'ping') return ignored('ping');
    if (event !== 'push') return ignored('not a push event');
    const payload = githubPayload(request);
    if (payload === undefined) return invalid('the body is not a JSON GitHub payload');
    const webUrl = stringAt(payload, 'repository', 'html_url');
    const ref = stringAt(payload, 'ref');
    if (!webUrl || !ref) return invalid('push event without repository.html_url or ref');
    const { revision, refKind } = parseRef(ref);
    const cloneUrl = stringAt(payload, 'repository', 'clone_url');
    return {
      kind: 'push',
      event: {
        provider: 'github',
        repoUrls: cloneUrl ? [webUrl, cloneUrl] : [webUrl],
        revision,
        refKind,
        touchedHead: refKind === 'branch' && revision === stringAt(payload, 'repository', 'default_branch'),
        changedFiles: changedFilesOfCommits(valueAt(payload, 'commits')),
      },
    };
  },
};

function githubPayload({ headers, body }: WebhookRequest): unknown {
  const contentType = header(headers, 'content-type') ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(body.toString('utf8')).get('payload');
    return form === null ? undefined : parseJson(form)?.value;
  }
  return parseJson(body.toString('utf8'))?.value;
}
