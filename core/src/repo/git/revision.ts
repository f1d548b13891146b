// What a targetRevision names and how it maps onto the refs `git ls-remote`
// lists, in Argo CD's order: a full SHA as is; HEAD; an exact ref name, a
// branch, a tag (peeled to its commit); then a semver range over tags; then an
// abbreviated SHA, which only a fetch into the mirror can resolve.

export interface ResolvedRevision {
  commit: string;
  /** The ref the commit came from ("refs/heads/main", "refs/tags/v1.2.0"), absent for a SHA. */
  ref?: string;
}

export type RevisionRequest =
  { kind: 'commit'; commit: string } | { kind: 'head' } | { kind: 'name'; name: string; mayBeShortSha: boolean };

export function isFullCommitSha(value: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(value);
}

export function classifyRevision(targetRevision: string): RevisionRequest {
  const revision = targetRevision.trim();
  if (revision === '' || revision === 'HEAD') return { kind: 'head' };
  if (isFullCommitSha(revision)) return { kind: 'commit', commit: revision.toLowerCase() };
  return { kind: 'name', name: revision, mayBeShortSha: /^[0-9a-f]{7,39}$/i.test(revision) };
}

export interface RemoteRefs {
  /** ref name → commit (annotated tags already peeled). */
  refs: Map<string, string>;
  /** What HEAD points at, when the server says ("refs/heads/main"). */
  headTarget: string | undefined;
}

/** Parses `git ls-remote --symref` output. */
export function parseLsRemote(output: string): RemoteRefs {
  const refs = new Map<string, string>();
  const peeled = new Map<string, string>();
  let headTarget: string | undefined;
  for (const line of output.split('\n')) {
    const [left, name] = line.split('\t');
    if (left === undefined || name === undefined) continue;
    if (left.startsWith('ref: ')) {
      if (name === 'HEAD') headTarget = left.slice('ref: '.length);
      continue;
    }
    if (!isFullCommitSha(left)) continue;
    if (name.endsWith('^{}')) peeled.set(name.slice(0, -3), left);
    else refs.set(name, left);
  }
  for (const [name, commit] of peeled) refs.set(name, commit);
  return { refs, headTarget };
}

/** HEAD, an exact ref name, a branch or a tag, in that order (a branch wins over a tag of the same name). */
export function matchRef(remote: RemoteRefs, revision: string): ResolvedRevision | undefined {
  if (revision === 'HEAD' || revision === '') {
    const commit = remote.refs.get('HEAD');
    if (!commit) return undefined;
    return remote.headTarget ? { commit, ref: remote.headTarget } : { commit, ref: 'HEAD' };
  }
  for (const ref of [revision, `refs/heads/${revision}`, `refs/tags/${revision}`]) {
    const commit = remote.refs.get(ref);
    if (commit && ref.startsWith('refs/')) return { commit, ref };
  }
  return undefined;
}

export function tagNames(remote: RemoteRefs): string[] {
  return [...remote.refs.keys()]
    .filter((ref) => ref.startsWith('refs/tags/'))
    .map((ref) => ref.slice('refs/tags/'.length));
}
