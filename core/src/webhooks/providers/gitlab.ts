// GitLab: `Push Hook`, `Tag Push Hook` and push events of `System Hook`s,
// authenticated by X-Gitlab-Token = webhook.gitlab.secret when that is set.
import { arrayAt, changedFilesOfCommits, stringAt, valueAt } from '../json-fields';
import { ignored, invalid, parseRef, type ParsedPayload } from '../push-event';
import { sameSecret } from '../signature';
import { jsonBody } from './json-body';
import { header, refused, verified, type WebhookProvider } from './provider';

const handledEvents = new Set(['Push Hook', 'Tag Push Hook', 'System Hook']);

export const gitlab: WebhookProvider = {
  name: 'gitlab',
  claims: (headers) => header(headers, 'x-gitlab-event') !== undefined,

  verify({ headers }, secrets) {
    if (!secrets.gitlab) return verified;
    const token = header(headers, 'x-gitlab-token');
    if (!token) return refused('GitLab webhook without X-Gitlab-Token');
    return sameSecret(token, secrets.gitlab) ? verified : refused('GitLab webhook token verification failed');
  },

  parse({ headers, body }): ParsedPayload {
    if (!handledEvents.has(header(headers, 'x-gitlab-event') ?? '')) return ignored('not a push event');
    const payload = jsonBody(body);
    if (payload === undefined) return invalid('the body is not JSON');
    const kind = stringAt(payload, 'object_kind') ?? stringAt(payload, 'event_name');
    if (kind !== 'push' && kind !== 'tag_push') return ignored('not a push event');
    const webUrl = stringAt(payload, 'project', 'web_url') ?? stringAt(payload, 'repository', 'homepage');
    const ref = stringAt(payload, 'ref');
    if (!webUrl || !ref) return invalid('push event without project.web_url or ref');
    const { revision, refKind } = parseRef(ref);
    const cloneUrls = [stringAt(payload, 'project', 'git_http_url'), stringAt(payload, 'project', 'git_ssh_url')];
    // GitLab lists at most 20 commits; with more, the changed files are not all known.
    const commits = arrayAt(payload, 'commits');
    const total = valueAt(payload, 'total_commits_count');
    const complete = typeof total !== 'number' || (commits !== undefined && total <= commits.length);
    return {
      kind: 'push',
      event: {
        provider: 'gitlab',
        repoUrls: [webUrl, ...cloneUrls.filter((url): url is string => url !== undefined)],
        revision,
        refKind,
        touchedHead: refKind === 'branch' && revision === stringAt(payload, 'project', 'default_branch'),
        changedFiles: changedFilesOfCommits(commits, complete),
      },
    };
  },
};
