// Argo CD's IsSourcePermitted: the normalized repository URL must match at least one allow
// pattern, and a deny pattern (`!…`) that it matches rejects it whatever the order. Note that a
// deny entry also allows every URL it does not name: `['!https://github.com/org/secret']` alone
// permits any other repository, as in Argo CD.
import { type CompiledProject } from './compile-project';
import { normalizeGitUrl } from './normalize-git-url';

export function isSourcePermitted(project: CompiledProject, repoURL: string): boolean {
  return project.memo.sources.get(repoURL, () => {
    const normalized = normalizeGitUrl(repoURL);
    let anyMatched = false;
    for (const pattern of project.sourceRepos) {
      if (pattern.matches(normalized)) anyMatched = true;
      else if (pattern.deny) return false;
    }
    return anyMatched;
  });
}
