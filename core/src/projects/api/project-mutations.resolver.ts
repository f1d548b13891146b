// Argo CD's project API as GraphQL: create (with upsert), update, delete and
// one project in full. Thin: ProjectWrites authorizes against the stored
// project; answers are built by allow-list (ProjectDetail).
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { badInput, principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { ProjectInput } from './dto/project.input';
import { ProjectDetailModel } from './project-detail.model';
import { toProjectDetail } from './project-detail';
import { projectMutation } from './project-errors';
import { type ProjectInputValue } from './project-spec';
import { ProjectWrites } from './project-writes.service';

function stringMap(
  value: Record<string, unknown> | null | undefined,
  what: string,
): Record<string, string> | undefined {
  if (value === null || value === undefined) return undefined;
  for (const [key, item] of Object.entries(value))
    if (typeof item !== 'string') throw badInput(`${what}[${JSON.stringify(key)}] must be a string`);
  return value as Record<string, string>;
}

export function projectInputValue(input: ProjectInput): ProjectInputValue {
  return {
    name: input.name,
    labels: stringMap(input.labels, 'labels'),
    annotations: stringMap(input.annotations, 'annotations'),
    spec: input.spec,
  };
}

@Resolver()
export class ProjectMutationsResolver {
  constructor(private readonly writes: ProjectWrites) {}

  @Query(() => ProjectDetailModel, {
    description: 'One AppProject in full (projects, get); missing and forbidden answer alike',
  })
  project(@Args('name') name: string, @Context() context: AuthContext): Promise<ProjectDetailModel> {
    return projectMutation(async () =>
      toProjectDetail(await this.writes.authorized(principalOf(context), 'get', name)),
    );
  }

  @Mutation(() => ProjectDetailModel, {
    description:
      'Creates an AppProject (projects, create); an existing one with another spec is replaced only with upsert (projects, update)',
  })
  createProject(
    @Args('project', { type: () => ProjectInput }) project: ProjectInput,
    @Args('upsert', { defaultValue: false }) upsert: boolean,
    @Context() context: AuthContext,
  ): Promise<ProjectDetailModel> {
    return projectMutation(async () =>
      toProjectDetail(await this.writes.create(principalOf(context), projectInputValue(project), upsert)),
    );
  }

  @Mutation(() => ProjectDetailModel, {
    description: "Replaces an AppProject's spec (projects, update); role tokens of roles that stay are kept",
  })
  updateProject(
    @Args('project', { type: () => ProjectInput }) project: ProjectInput,
    @Context() context: AuthContext,
  ): Promise<ProjectDetailModel> {
    return projectMutation(async () =>
      toProjectDetail(await this.writes.update(principalOf(context), projectInputValue(project))),
    );
  }

  @Mutation(() => Boolean, {
    description: 'Deletes an AppProject (projects, delete); refused for default and while applications use it',
  })
  deleteProject(@Args('name') name: string, @Context() context: AuthContext): Promise<boolean> {
    return projectMutation(async () => {
      await this.writes.delete(principalOf(context), name);
      return true;
    });
  }
}
