// One key for every spelling of a repository's URL, so a webhook's web URL
// (https://github.com/Org/Repo) finds Applications that name the repo as
// https://github.com/org/repo.git, ssh://git@github.com:22/org/repo or
// git@github.com:org/repo. Like Argo CD's matching (a case-insensitive regex
// built from the web URL), the user, port and scheme do not count, an `ssh.`
// or `altssh.` host prefix does not count, and a `.git` suffix is optional.

const schemeUrl = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::\d*)?(\/[^?#]*)?/i;
// user@host:path, the scp-like form git accepts (no scheme; the first colon comes before any slash).
const scpUrl = /^(?:[^@/:]+@)?([^@/:[\]]+):(?!\/\/)([^?#]*)$/;

/**
 * `host/path` in lower case (no user, port, scheme, `.git` or trailing slash), or undefined for
 * something that is not a remote repository URL (a local path, `file://`, `javascript:`).
 */
export function repoKey(url: string): string | undefined {
  const trimmed = url.trim();
  let host: string | undefined;
  let path: string | undefined;
  const withScheme = schemeUrl.exec(trimmed);
  if (withScheme) {
    const scheme = (withScheme[1] ?? '').toLowerCase();
    if (!['http', 'https', 'ssh', 'git', 'git+ssh', 'ssh+git'].includes(scheme)) return undefined;
    host = withScheme[2];
    path = withScheme[3];
  } else {
    const scp = scpUrl.exec(trimmed);
    if (!scp) return undefined;
    host = scp[1];
    path = scp[2];
  }
  host = (host ?? '').toLowerCase().replace(/^(alt)?ssh\./, '');
  if (host === '' || path === undefined) return undefined;
  let cleanPath = decodePath(path)
    .toLowerCase()
    .replace(/\/+/g, '/')
    .replace(/^\/|\/$/g, '');
  cleanPath = cleanPath.replace(/\.git$/, '');
  if (cleanPath === '') return undefined;
  return azureDevOpsPath(host, cleanPath) ?? `${host}/${cleanPath}`;
}

/** Whether two URLs name the same repository. */
export function sameRepo(a: string, b: string): boolean {
  const key = repoKey(a);
  return key !== undefined && key === repoKey(b);
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Azure DevOps names one repo `https://dev.azure.com/org/project/_git/repo` on the web and
 * `git@ssh.dev.azure.com:v3/org/project/repo` over SSH: both become the web form.
 */
function azureDevOpsPath(host: string, path: string): string | undefined {
  if (host !== 'dev.azure.com') return undefined;
  const parts = path.split('/');
  if (parts[0] === 'v3' && parts.length === 4) return `${host}/${parts[1]}/${parts[2]}/_git/${parts[3]}`;
  return undefined;
}
