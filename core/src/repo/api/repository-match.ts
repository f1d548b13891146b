// Which stored Secret a repository request means, and whether a Secret
// already says what a request would write. Pure.
import { type V1Secret } from '@kubernetes/client-node';
import { secretValues } from '../../kube/secret-values';
import { type SecretKind } from '../credentials/repository-secret-spec';
import { sameRepoUrl } from '../credentials/repository-url';

/**
 * The Secrets of `kind` for `url`. A repository is identified by URL and
 * project (Argo CD allows the same URL once per project); `project`
 * undefined matches any project.
 */
export function matchingSecrets(
  secrets: readonly V1Secret[],
  kind: SecretKind,
  url: string,
  project: string | undefined,
): V1Secret[] {
  return secrets.filter((secret) => {
    const values = secretValues(secret);
    if (values.url === undefined || !sameRepoUrl(values.url, url)) return false;
    return kind === 'repo-creds' || project === undefined || (values.project ?? '') === project;
  });
}

/** Whether the stored Secret's data equals what would be written. */
export function sameSecretData(existing: V1Secret, desired: Record<string, string>): boolean {
  const current = secretValues(existing);
  return (
    Object.keys(current).length === Object.keys(desired).length &&
    Object.entries(desired).every(([key, value]) => current[key] === value)
  );
}
