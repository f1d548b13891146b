// Argo CD's repository and repository-credentials API as GraphQL mutations.
// Thin: RepositoryWrites authorizes and writes; answers say which kinds of
// credentials are set, never their values.
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { type SecretKind } from '../credentials/repository-secret-spec';
import { RepositoryInput } from './dto/repository.input';
import { secretMutation } from './repository-errors';
import { repositorySecretInput } from './repository-input';
import { RepositoryWrites } from './repository-writes.service';
import { RepositoryModel } from './repository.model';

const input = { type: () => RepositoryInput } as const;
const upsertArg = { defaultValue: false, description: 'Replace an existing one with different settings' } as const;

@Resolver()
export class RepositoryMutationsResolver {
  constructor(private readonly writes: RepositoryWrites) {}

  private create(context: AuthContext, kind: SecretKind, value: RepositoryInput, upsert: boolean) {
    return secretMutation(() =>
      this.writes.create(principalOf(context), kind, repositorySecretInput(kind, value), upsert),
    );
  }

  private update(context: AuthContext, kind: SecretKind, value: RepositoryInput) {
    return secretMutation(() => this.writes.update(principalOf(context), kind, repositorySecretInput(kind, value)));
  }

  @Mutation(() => RepositoryModel, {
    description:
      'Saves a repository Secret after reading the repository with its credentials (repositories, create, [<project>/]<url>)',
  })
  createRepository(
    @Args('repository', input) repository: RepositoryInput,
    @Args('upsert', upsertArg) upsert: boolean,
    @Context() context: AuthContext,
  ): Promise<RepositoryModel> {
    return this.create(context, 'repository', repository, upsert);
  }

  @Mutation(() => RepositoryModel, {
    description: 'Replaces a repository (repositories, update on the stored and the new object)',
  })
  updateRepository(
    @Args('repository', input) repository: RepositoryInput,
    @Context() context: AuthContext,
  ): Promise<RepositoryModel> {
    return this.update(context, 'repository', repository);
  }

  @Mutation(() => Boolean, { description: 'Removes a repository Secret (repositories, delete)' })
  deleteRepository(
    @Args('url') url: string,
    @Args('project', {
      type: () => String,
      nullable: true,
      description: 'Needed when the URL is saved for several projects',
    })
    project: string | null,
    @Context() context: AuthContext,
  ): Promise<boolean> {
    return secretMutation(async () => {
      await this.writes.delete(principalOf(context), 'repository', url, project ?? undefined);
      return true;
    });
  }

  @Mutation(() => RepositoryModel, { description: 'Saves a credential template (repositories, create, <url>)' })
  createRepositoryCredentials(
    @Args('credentials', input) credentials: RepositoryInput,
    @Args('upsert', upsertArg) upsert: boolean,
    @Context() context: AuthContext,
  ): Promise<RepositoryModel> {
    return this.create(context, 'repo-creds', credentials, upsert);
  }

  @Mutation(() => RepositoryModel, { description: 'Replaces a credential template (repositories, update)' })
  updateRepositoryCredentials(
    @Args('credentials', input) credentials: RepositoryInput,
    @Context() context: AuthContext,
  ): Promise<RepositoryModel> {
    return this.update(context, 'repo-creds', credentials);
  }

  @Mutation(() => Boolean, { description: 'Removes a credential template (repositories, delete, <url>)' })
  deleteRepositoryCredentials(@Args('url') url: string, @Context() context: AuthContext): Promise<boolean> {
    return secretMutation(async () => {
      await this.writes.delete(principalOf(context), 'repo-creds', url, undefined);
      return true;
    });
  }
}
