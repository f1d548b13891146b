import { Context, Query, Resolver } from '@nestjs/graphql';
import { principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { RepositorySecrets } from '../repository-secrets.service';
import { RepositoryModel } from './repository.model';
import { repositoryRbacObject as rbacObject, toRepositoryModel as toModel } from './repository-view';

@Resolver(() => RepositoryModel)
export class RepositoriesResolver {
  constructor(
    private readonly secrets: RepositorySecrets,
    private readonly rbac: RbacAuthorizer,
  ) {}

  @Query(() => [RepositoryModel], {
    description: 'Repositories (Secrets labelled repository) the caller may get (repositories, get), ordered by URL',
  })
  async repositories(@Context() context: AuthContext): Promise<RepositoryModel[]> {
    const { repositories } = await this.secrets.read();
    const models = repositories.map(toModel).sort((a, b) => a.url.localeCompare(b.url));
    return this.rbac.filter(principalOf(context), 'repositories', models, rbacObject);
  }

  @Query(() => [RepositoryModel], {
    description:
      'Credential templates (Secrets labelled repo-creds) the caller may get (repositories, get), ordered by URL',
  })
  async repositoryCredentials(@Context() context: AuthContext): Promise<RepositoryModel[]> {
    const { templates } = await this.secrets.read();
    const models = templates.map((template) => toModel(template)).sort((a, b) => a.url.localeCompare(b.url));
    return this.rbac.filter(principalOf(context), 'repositories', models, rbacObject);
  }
}
