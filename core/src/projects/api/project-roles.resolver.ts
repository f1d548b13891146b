// Project roles and sync windows (projects, update on the project), as the
// `argocd proj role` and `proj windows` commands change them. Role tokens are
// in auth/project-tokens.
import { Args, Context, Int, Mutation, Resolver } from '@nestjs/graphql';
import { type SyncWindow } from '@driftless/schema';
import { principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { ProjectRoleInput, SyncWindowInput } from './dto/project.input';
import { ProjectDetailModel } from './project-detail.model';
import { toProjectDetail } from './project-detail';
import { projectMutation } from './project-errors';
import { withoutRole, withoutSyncWindow, withRole, withSyncWindow } from './project-spec';
import { ProjectWrites } from './project-writes.service';

function syncWindow(input: SyncWindowInput): SyncWindow {
  return {
    kind: input.kind as NonNullable<SyncWindow['kind']>,
    schedule: input.schedule,
    duration: input.duration,
    ...(input.applications?.length ? { applications: input.applications } : {}),
    ...(input.namespaces?.length ? { namespaces: input.namespaces } : {}),
    ...(input.clusters?.length ? { clusters: input.clusters } : {}),
    ...(input.manualSync ? { manualSync: true } : {}),
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    ...(input.andOperator ? { andOperator: true } : {}),
    ...(input.description ? { description: input.description } : {}),
  };
}

const windowId = { type: () => Int, description: 'The window’s position (proj windows list)' } as const;

@Resolver()
export class ProjectRolesResolver {
  constructor(private readonly writes: ProjectWrites) {}

  private changed(context: AuthContext, project: string, decide: Parameters<ProjectWrites['change']>[2]) {
    return projectMutation(async () =>
      toProjectDetail(await this.writes.change(principalOf(context), project, decide)),
    );
  }

  @Mutation(() => ProjectDetailModel, { description: 'Adds a role to a project (projects, update)' })
  createProjectRole(
    @Args('project') project: string,
    @Args('role', { type: () => ProjectRoleInput }) role: ProjectRoleInput,
    @Context() context: AuthContext,
  ): Promise<ProjectDetailModel> {
    return this.changed(context, project, (stored) => withRole(stored, role, 'create'));
  }

  @Mutation(() => ProjectDetailModel, {
    description: "Replaces a role's description, policies and groups, keeping its tokens (projects, update)",
  })
  updateProjectRole(
    @Args('project') project: string,
    @Args('role', { type: () => ProjectRoleInput }) role: ProjectRoleInput,
    @Context() context: AuthContext,
  ): Promise<ProjectDetailModel> {
    return this.changed(context, project, (stored) => withRole(stored, role, 'update'));
  }

  @Mutation(() => ProjectDetailModel, {
    description: 'Removes a role and with it its tokens, which stop working (projects, update)',
  })
  deleteProjectRole(
    @Args('project') project: string,
    @Args('role') role: string,
    @Context() context: AuthContext,
  ): Promise<ProjectDetailModel> {
    return this.changed(context, project, (stored) => withoutRole(stored, role));
  }

  @Mutation(() => ProjectDetailModel, { description: 'Adds a sync window (projects, update)' })
  addProjectSyncWindow(
    @Args('project') project: string,
    @Args('window', { type: () => SyncWindowInput }) window: SyncWindowInput,
    @Context() context: AuthContext,
  ): Promise<ProjectDetailModel> {
    return this.changed(context, project, (stored) => withSyncWindow(stored, syncWindow(window)));
  }

  @Mutation(() => ProjectDetailModel, { description: 'Replaces sync window `id` (projects, update)' })
  updateProjectSyncWindow(
    @Args('project') project: string,
    @Args('id', windowId) id: number,
    @Args('window', { type: () => SyncWindowInput }) window: SyncWindowInput,
    @Context() context: AuthContext,
  ): Promise<ProjectDetailModel> {
    return this.changed(context, project, (stored) => withSyncWindow(stored, syncWindow(window), id));
  }

  @Mutation(() => ProjectDetailModel, { description: 'Deletes sync window `id` (projects, update)' })
  deleteProjectSyncWindow(
    @Args('project') project: string,
    @Args('id', windowId) id: number,
    @Context() context: AuthContext,
  ): Promise<ProjectDetailModel> {
    return this.changed(context, project, (stored) => withoutSyncWindow(stored, id));
  }
}
