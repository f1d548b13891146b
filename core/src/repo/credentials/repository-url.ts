// Repository URLs compare the way Argo CD compares them: case-insensitive,
// without surrounding space, a trailing slash or a trailing ".git", with
// scp-like SSH (git@host:org/repo) and ssh:// forms treated alike.

export function normalizeRepoUrl(url: string): string {
  let normalized = url.trim().toLowerCase();
  const scpLike = /^([^@/:]+@)?([^/:]+):(?!\/\/)(.*)$/.exec(normalized);
  if (scpLike && !/^[a-z][a-z0-9+.-]*:\/\//.test(normalized)) {
    normalized = `ssh://${scpLike[1] ?? ''}${scpLike[2] ?? ''}/${scpLike[3] ?? ''}`;
  }
  normalized = normalized
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  return normalized;
}

export function sameRepoUrl(a: string, b: string): boolean {
  return normalizeRepoUrl(a) === normalizeRepoUrl(b);
}
