// Whether a push moved the revision a source follows, as Argo CD decides it:
// HEAD or no targetRevision follows the default branch; `refs/heads/x`,
// `refs/tags/x` and `x` follow that branch or tag (the `refs/…` forms only
// that kind of ref); a commit SHA is fixed and no push moves it.
import { parseRef, type PushEvent } from './push-event';

const commitSha = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

export function revisionMatchesPush(
  targetRevision: string | undefined,
  push: Pick<PushEvent, 'revision' | 'refKind' | 'touchedHead'>,
): boolean {
  const target = (targetRevision ?? '').trim();
  if (target === '' || target === 'HEAD') return push.touchedHead;
  if (commitSha.test(target)) return false;
  const { revision, refKind } = parseRef(target);
  if (revision !== push.revision) return false;
  // `refs/heads/main` is not moved by pushing the tag `main`, nor `refs/tags/v1` by a branch `v1`.
  return refKind === 'other' || push.refKind === 'other' || refKind === push.refKind;
}
