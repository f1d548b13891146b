// sourceRepos patterns: gobwas/glob syntax compiled with `/` as separator, as
// Argo CD's IsSourcePermitted does. So `*` and `?` stop at `/` and `**`
// crosses it: `https://github.com/org/*` matches `org/app` but not
// `org/group/app`. A malformed pattern matches nothing.
import { compileGlob } from '@driftless/glob';

export function compileRepoGlob(pattern: string): RegExp | null {
  return compileGlob(pattern, '/');
}
