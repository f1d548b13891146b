// The pure `repo.*` helpers of Argo CD's notification expressions. The ones that need Argo CD's
// repo server (GetCommitMetadata, GetAppDetails) are supplied by the caller.

interface GitUrlParts {
  host: string;
  path: string;
}

/** Splits a git URL (`https://…`, `ssh://git@host:22/…`, or scp-like `git@host:org/repo.git`). */
function parseGitUrl(raw: string): GitUrlParts {
  const withScheme = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?([^/?#]*)([^?#]*)/i.exec(raw);
  if (withScheme) return { host: withScheme[2]!, path: withScheme[3]! };
  const scpLike = /^(?:[^@/]+@)?([^:/]+):(.*)$/.exec(raw);
  if (scpLike) {
    const path = scpLike[2]!;
    return { host: scpLike[1]!, path: path.startsWith('/') ? path : `/${path}` };
  }
  throw new Error(`failed to parse repo URL ${JSON.stringify(raw)}`);
}

/** `git@github.com:org/repo.git` → `https://github.com/org/repo.git` (credentials dropped). */
export function repoUrlToHttps(raw: string): string {
  const { host, path } = parseGitUrl(raw);
  return `https://${host}${path}`;
}

/** `https://github.com/org/repo.git` → `org/repo`. */
export function fullNameByRepoUrl(raw: string): string {
  const path = parseGitUrl(raw).path.replace(/\.git$/, '');
  const parts = path.split('/').filter((part) => part !== '');
  return parts.length >= 2 ? parts.slice(0, 2).join('/') : path;
}

/** Go's url.QueryEscape: unreserved characters kept, space as `+`, everything else %XX. */
export function queryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}
