// Which Applications a push refreshes: one of its git sources names the pushed
// repository and follows the pushed revision, and — for apps with
// manifest-generate-paths — a changed file lies under one of their paths.
import { type PushEvent } from './push-event';
import { filesTouchPaths } from './refresh-paths';
import { repoKey } from './repo-url';
import { revisionMatchesPush } from './revision-match';
import { type WebhookTarget } from './webhook-target';

export function appsToRefresh(push: PushEvent, targets: Iterable<WebhookTarget>): WebhookTarget[] {
  const pushedRepos = new Set(push.repoUrls.map(repoKey).filter((key): key is string => key !== undefined));
  if (pushedRepos.size === 0) return [];
  const matched: WebhookTarget[] = [];
  for (const target of targets) {
    const follows = target.sources.some(
      (source) =>
        source.repoKey !== undefined &&
        pushedRepos.has(source.repoKey) &&
        revisionMatchesPush(source.targetRevision, push),
    );
    if (follows && filesTouchPaths(target.refreshPaths, push.changedFiles)) matched.push(target);
  }
  return matched;
}
