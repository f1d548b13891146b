// Repository URLs compare the way Argo CD compares them: case-insensitive,
// without surrounding space, a trailing slash or a trailing ".git", with
// scp-like SSH (git@host:org/repo) and ssh:// forms treated alike, and OCI
// registries with or without oci://.

export function normalizeRepoUrl(url: string): string {
  // OCI registries are written with or without oci:// (a Secret's `host/ns`, a Chart.yaml's `oci://host/ns`).
  let normalized = url
    .trim()
    .toLowerCase()
    .replace(/^oci:\/\//, '');
  const scpLike = /^([^@/:]+@)?([^/:]+):(?!\/\/)(.*)$/.exec(normalized);
  // `host:5000/charts` is a registry with a port, not scp-like `host:path` (which has a user: git@host:org/repo).
  const registryWithPort = scpLike !== null && scpLike[1] === undefined && /^\d+(\/|$)/.test(scpLike[3] ?? '');
  if (scpLike && !registryWithPort && !/^[a-z][a-z0-9+.-]*:\/\//.test(normalized)) {
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
