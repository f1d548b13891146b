// Pushes waiting to be matched are coalesced: two events about the same
// repository, ref and HEAD-ness are matched once, with the union of their
// changed files. The union is capped; past the cap it becomes "unknown"
// (every matching app refreshes), so a storm cannot grow one entry without bound.
import { type PushEvent } from './push-event';
import { repoKey } from './repo-url';

export const MAX_MERGED_FILES = 10_000;

/** Events with the same key are matched as one. */
export function pushKey(event: PushEvent): string {
  const repos = [...new Set(event.repoUrls.map((url) => repoKey(url) ?? url))].sort();
  return JSON.stringify([repos, event.revision, event.refKind, event.touchedHead]);
}

export function mergePushes(waiting: PushEvent, offered: PushEvent): PushEvent {
  if (waiting.changedFiles === undefined || offered.changedFiles === undefined)
    return { ...waiting, changedFiles: undefined };
  const files = new Set([...waiting.changedFiles, ...offered.changedFiles]);
  return { ...waiting, changedFiles: files.size > MAX_MERGED_FILES ? undefined : [...files] };
}
