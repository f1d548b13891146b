// Gogs and Gitea (which sends Gogs' headers too): `push` events, signed with
// X-Gogs-Signature / X-Gitea-Signature (hex HMAC-SHA256) when webhook.gogs.secret is set.
import { changedFilesOfCommits, stringAt, valueAt } from '../json-fields';
import { ignored, invalid, parseRef, type ParsedPayload } from '../push-event';
import { validHmacSha256 } from '../signature';
import { jsonBody } from './json-body';
import { header, refused, verified, type WebhookProvider } from './provider';

export const gogs: WebhookProvider = {
  name: 'gogs',
  claims: (headers) => header(headers, 'x-gogs-event') !== undefined || header(headers, 'x-gitea-event') !== undefined,

  verify({ headers, body }, secrets) {
    if (!secrets.gogs) return verified;
    const signature = header(headers, 'x-gitea-signature') ?? header(headers, 'x-gogs-signature');
    if (!signature) return refused('Gogs/Gitea webhook without X-Gogs-Signature');
    return validHmacSha256(body, secrets.gogs, signature) ? verified : refused('Gogs webhook HMAC verification failed');
  },

  parse({ headers, body }): ParsedPayload {
    const event = header(headers, 'x-gitea-event') ?? header(headers, 'x-gogs-event');
    if (event !== 'push') return ignored('not a push event');
    const payload = jsonBody(body);
    if (payload === undefined) return invalid('the body is not JSON');
    const webUrl = stringAt(payload, 'repository', 'html_url');
    const ref = stringAt(payload, 'ref');
    if (!webUrl || !ref) return invalid('push event without repository.html_url or ref');
    const { revision, refKind } = parseRef(ref);
    const cloneUrls = [stringAt(payload, 'repository', 'clone_url'), stringAt(payload, 'repository', 'ssh_url')];
    return {
      kind: 'push',
      event: {
        provider: 'gogs',
        repoUrls: [webUrl, ...cloneUrls.filter((url): url is string => url !== undefined)],
        revision,
        refKind,
        touchedHead: refKind === 'branch' && revision === stringAt(payload, 'repository', 'default_branch'),
        changedFiles: changedFilesOfCommits(valueAt(payload, 'commits')),
      },
    };
  },
};
