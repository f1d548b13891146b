// createProjectToken / deleteProjectToken, as Argo CD's project API
// (projects, update on the project). Thin: ProjectTokens does the work.
import { Args, Context, Int, Mutation, Resolver } from '@nestjs/graphql';
import { badInput, principalOf } from '../graphql/auth-errors';
import { type AuthContext } from '../principal';
import { projectMutation } from '../../projects/api/project-errors';
import { CreatedProjectTokenModel } from './project-token.model';
import { ProjectTokens } from './project-tokens.service';

@Resolver()
export class ProjectTokensResolver {
  constructor(private readonly tokens: ProjectTokens) {}

  @Mutation(() => CreatedProjectTokenModel, {
    description:
      'Creates a token for a project role (projects, update): a JWT with sub proj:<project>:<role>, recorded in the role by iat/exp/id',
  })
  createProjectToken(
    @Args('project') project: string,
    @Args('role') role: string,
    @Args('expiresIn', { type: () => Int, defaultValue: 0, description: 'Seconds; 0: never expires' })
    expiresIn: number,
    @Args('id', { type: () => String, nullable: true, description: 'Token id; default a random UUID' })
    id: string | null,
    @Context() context: AuthContext,
  ): Promise<CreatedProjectTokenModel> {
    return projectMutation(async () => {
      const { token, claims } = await this.tokens.issue(
        principalOf(context),
        project,
        role,
        expiresIn,
        id ?? undefined,
      );
      return { token, id: claims.id, issuedAt: claims.issuedAt, expiresAt: claims.expiresAt ?? null };
    });
  }

  @Mutation(() => Boolean, {
    description: 'Deletes a project role token by id (or issuedAt for tokens without one); it is refused from then on',
  })
  deleteProjectToken(
    @Args('project') project: string,
    @Args('role') role: string,
    @Args('id', { type: () => String, nullable: true }) id: string | null,
    @Args('issuedAt', { type: () => Int, nullable: true }) issuedAt: number | null,
    @Context() context: AuthContext,
  ): Promise<boolean> {
    return projectMutation(async () => {
      // Omitted nullable arguments arrive as undefined, explicit nulls as null.
      const byId = id !== null && id !== undefined;
      const byTime = issuedAt !== null && issuedAt !== undefined;
      if (byId === byTime) throw badInput('give the token id or its issuedAt (one of them)');
      await this.tokens.revoke(principalOf(context), project, role, byId ? { id } : { iat: issuedAt ?? 0 });
      return true;
    });
  }
}
