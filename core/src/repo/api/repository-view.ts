// A repository or template as the API shows it, by allow-list: settings and
// which kinds of credentials are set, never a value. Pure.
import { describeRepository } from '../credentials/describe-repository';
import { type RepositoryConfig } from '../credentials/repository-config';
import { type RepositoryModel } from './repository.model';

export function toRepositoryModel(repository: RepositoryConfig): RepositoryModel {
  const description = describeRepository(repository);
  return {
    url: description.url,
    type: description.type,
    name: description.name ?? null,
    project: description.project ?? null,
    username: description.username ?? null,
    secretsSet: description.secretsSet,
    githubApp: description.githubApp,
    insecure: description.insecure,
    source: repository.source,
  };
}

/** Argo CD's repository RBAC object: the URL, prefixed by the project of a project-scoped repository. */
export const repositoryRbacObject = (repository: { url: string; project?: string | null | undefined }): string =>
  repository.project ? `${repository.project}/${repository.url}` : repository.url;
