// Argo CD's git.NormalizeGitURL: the form in which source repositories and sourceRepos patterns
// are compared. Lowercased as a whole (path included), `.git` dropped, scp-style SSH
// (`git@host:org/repo`) rewritten to `git@host/org/repo`, then a Go url.Parse → String() round
// trip. Text Go cannot parse normalizes to "" — Argo CD does not report it, it just stops matching.
import { goUrlRoundTrip } from './go-url';

const SSH_URL = /^(ssh:\/\/)?([^/:]*?)@[^@]+$/u;

export function normalizeGitUrl(repoURL: string): string {
  const result = roundTrip(repoURL);
  return 'value' in result ? result.value : '';
}

/** Why Go's url.Parse rejects the repository URL, or undefined when it parses. */
export function repoUrlProblem(repoURL: string): string | undefined {
  const result = roundTrip(repoURL);
  return 'error' in result ? result.error : undefined;
}

function roundTrip(repoURL: string): { value: string } | { error: string } {
  let repo = repoURL.trim().toLowerCase();
  if (SSH_URL.test(repo) && !repo.startsWith('ssh://')) {
    // Go's url.Parse would read the colon of git@host:org/repo as a port separator.
    repo = `ssh://${repo.replace(':', '/')}`;
  }
  if (repo.endsWith('.git')) repo = repo.slice(0, -'.git'.length);
  const result = goUrlRoundTrip(repo);
  return 'value' in result ? { value: result.value.replace(/^ssh:\/\//u, '') } : result;
}
