// Which credentials a repository URL gets: its own repository Secret when it
// has credentials, else the credential template (repo-creds) whose URL is the
// longest prefix of it — also for URLs no repository Secret names, as Argo CD
// does for applications that point at an unregistered repository.
import {
  credentialFields,
  type CredentialTemplate,
  type RepositoryConfig,
  type RepositoryCredentials,
} from './repository-config';
import { normalizeRepoUrl, sameRepoUrl } from './repository-url';

export interface ResolvedRepository extends RepositoryConfig {
  /** namespace/name of the Secret the credentials came from, or undefined for none. */
  credentialsFrom: string | undefined;
}

function hasCredentials(credentials: RepositoryCredentials): boolean {
  return credentialFields.some((field) => credentials[field] !== undefined);
}

/** The template whose normalized URL is the longest prefix of `url`'s. */
export function matchCredentialTemplate(
  url: string,
  templates: readonly CredentialTemplate[],
): CredentialTemplate | undefined {
  const target = normalizeRepoUrl(url);
  let best: CredentialTemplate | undefined;
  let bestLength = -1;
  for (const template of templates) {
    const prefix = normalizeRepoUrl(template.url);
    if (target.startsWith(prefix) && prefix.length > bestLength) {
      best = template;
      bestLength = prefix.length;
    }
  }
  return best;
}

/**
 * The repository Secret an application of `project` uses for `url`, as Argo
 * CD picks it: one scoped to that project first, else one without a project;
 * a Secret scoped to another project is never used (its credentials belong to
 * that project's team).
 */
function registeredRepository(
  url: string,
  repositories: readonly RepositoryConfig[],
  project: string | undefined,
): RepositoryConfig | undefined {
  const matching = repositories.filter((repository) => sameRepoUrl(repository.url, url));
  return (
    (project ? matching.find((repository) => repository.project === project) : undefined) ??
    matching.find((repository) => !repository.project)
  );
}

export function resolveRepository(
  url: string,
  repositories: readonly RepositoryConfig[],
  templates: readonly CredentialTemplate[],
  project?: string,
): ResolvedRepository {
  const registered = registeredRepository(url, repositories, project);
  const repository: RepositoryConfig = registered ?? { url, type: 'git', source: '' };
  if (hasCredentials(repository)) return { ...repository, credentialsFrom: repository.source };
  const template = matchCredentialTemplate(url, templates);
  if (!template) return { ...repository, credentialsFrom: undefined };
  const resolved: ResolvedRepository = { ...repository, credentialsFrom: template.source };
  for (const field of credentialFields) {
    const value = template[field];
    if (value !== undefined) resolved[field] = value;
  }
  // Connection settings the template carries apply unless the repository sets its own.
  for (const field of [
    'proxy',
    'noProxy',
    'forceHttpBasicAuth',
    'useAzureWorkloadIdentity',
    'enableOCI',
    'insecure',
  ] as const) {
    if (resolved[field] === undefined && template[field] !== undefined)
      Object.assign(resolved, { [field]: template[field] });
  }
  if (!registered && template.type !== 'git') resolved.type = template.type;
  return resolved;
}
