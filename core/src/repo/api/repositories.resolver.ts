import { Query, Resolver } from '@nestjs/graphql';
import { describeRepository } from '../credentials/describe-repository';
import { type RepositoryConfig } from '../credentials/repository-config';
import { RepositorySecrets } from '../repository-secrets.service';
import { RepositoryModel } from './repository.model';

function toModel(repository: RepositoryConfig): RepositoryModel {
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

@Resolver(() => RepositoryModel)
export class RepositoriesResolver {
  constructor(private readonly secrets: RepositorySecrets) {}

  @Query(() => [RepositoryModel], { description: 'Repositories (Secrets labelled repository), ordered by URL' })
  async repositories(): Promise<RepositoryModel[]> {
    const { repositories } = await this.secrets.read();
    return repositories.map(toModel).sort((a, b) => a.url.localeCompare(b.url));
  }

  @Query(() => [RepositoryModel], { description: 'Credential templates (Secrets labelled repo-creds), ordered by URL' })
  async repositoryCredentials(): Promise<RepositoryModel[]> {
    const { templates } = await this.secrets.read();
    return templates.map((template) => toModel(template)).sort((a, b) => a.url.localeCompare(b.url));
  }
}
