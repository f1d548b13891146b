// Bitbucket Cloud: `repo:push` events, authenticated by X-Hook-UUID =
// webhook.bitbucket.uuid when that is set. The payload lists no changed files
// and (usually) no main branch: as Argo CD does, a push then counts as moving HEAD.
import { arrayAt, stringAt, valueAt } from '../json-fields';
import { ignored, invalid, type ParsedPayload, type RefKind } from '../push-event';
import { sameSecret } from '../signature';
import { jsonBody } from './json-body';
import { header, refused, verified, type WebhookProvider } from './provider';

export const bitbucketCloud: WebhookProvider = {
  name: 'bitbucket',
  claims: (headers) => header(headers, 'x-hook-uuid') !== undefined,

  verify({ headers }, secrets) {
    if (!secrets.bitbucketUuid) return verified;
    const uuid = header(headers, 'x-hook-uuid');
    if (!uuid) return refused('Bitbucket webhook without X-Hook-UUID');
    return sameSecret(uuid, secrets.bitbucketUuid) ? verified : refused('Bitbucket webhook UUID verification failed');
  },

  parse({ headers, body }): ParsedPayload {
    if (header(headers, 'x-event-key') !== 'repo:push') return ignored('not a push event');
    const payload = jsonBody(body);
    if (payload === undefined) return invalid('the body is not JSON');
    const webUrl = stringAt(payload, 'repository', 'links', 'html', 'href');
    if (!webUrl) return invalid('push event without repository.links.html.href');
    const changes = arrayAt(payload, 'push', 'changes');
    if (!changes) return invalid('push event without push.changes');
    // The first change that creates or moves a ref (a deleted branch has no `new`).
    const moved = changes.map((change) => valueAt(change, 'new')).find((ref) => stringAt(ref, 'name') !== undefined);
    if (moved === undefined) return ignored('the push only deletes refs');
    const revision = stringAt(moved, 'name') ?? '';
    const type = stringAt(moved, 'type');
    const refKind: RefKind = type === 'branch' ? 'branch' : type === 'tag' ? 'tag' : 'other';
    const mainBranch = stringAt(payload, 'repository', 'mainbranch', 'name');
    return {
      kind: 'push',
      event: {
        provider: 'bitbucket',
        repoUrls: [webUrl],
        revision,
        refKind,
        touchedHead: mainBranch === undefined ? true : refKind !== 'tag' && revision === mainBranch,
        changedFiles: undefined,
      },
    };
  },
};
