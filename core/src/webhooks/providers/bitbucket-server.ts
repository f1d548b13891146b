// Bitbucket Server / Data Center: `repo:refs_changed` (and `diagnostics:ping`)
// events, signed with X-Hub-Signature (`sha256=<hex>`) when
// webhook.bitbucketserver.secret is set. The payload names neither changed files
// nor the default branch: a push counts as moving HEAD, as in Argo CD.
import { arrayAt, stringAt } from '../json-fields';
import { ignored, invalid, parseRef, type ParsedPayload, type RefKind } from '../push-event';
import { validPrefixedHmac } from '../signature';
import { jsonBody } from './json-body';
import { header, refused, verified, type WebhookProvider } from './provider';

export const bitbucketServer: WebhookProvider = {
  name: 'bitbucketserver',
  claims: (headers) => header(headers, 'x-event-key') !== undefined,

  verify({ headers, body }, secrets) {
    if (!secrets.bitbucketServer) return verified;
    const signature = header(headers, 'x-hub-signature');
    if (!signature) return refused('Bitbucket Server webhook without X-Hub-Signature');
    return validPrefixedHmac(body, secrets.bitbucketServer, signature)
      ? verified
      : refused('Bitbucket Server webhook HMAC verification failed');
  },

  parse({ headers, body }): ParsedPayload {
    const event = header(headers, 'x-event-key');
    if (event === 'diagnostics:ping') return ignored('ping');
    if (event !== 'repo:refs_changed') return ignored('not a push event');
    const payload = jsonBody(body);
    if (payload === undefined) return invalid('the body is not JSON');
    const cloneUrls = (arrayAt(payload, 'repository', 'links', 'clone') ?? [])
      .filter((link) => ['http', 'https', 'ssh'].includes(stringAt(link, 'name') ?? ''))
      .map((link) => stringAt(link, 'href'))
      .filter((href): href is string => href !== undefined);
    if (cloneUrls.length === 0) return invalid('push event without repository.links.clone');
    const refId = stringAt(arrayAt(payload, 'changes')?.[0], 'ref', 'id');
    if (!refId) return invalid('push event without changes[0].ref.id');
    const { revision, refKind: fromId } = parseRef(refId);
    const type = stringAt(arrayAt(payload, 'changes')?.[0], 'ref', 'type');
    const refKind: RefKind = type === 'BRANCH' ? 'branch' : type === 'TAG' ? 'tag' : fromId;
    return {
      kind: 'push',
      event: {
        provider: 'bitbucketserver',
        repoUrls: cloneUrls,
        revision,
        refKind,
        touchedHead: true,
        changedFiles: undefined,
      },
    };
  },
};
