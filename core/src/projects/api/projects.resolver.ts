import { Context, Query, Resolver } from '@nestjs/graphql';
import { principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { ProjectReader } from '../project-reader.service';
import { toProjectModel } from '../project-summary';
import { ProjectModel } from './project.model';

@Resolver(() => ProjectModel)
export class ProjectsResolver {
  constructor(
    private readonly reader: ProjectReader,
    private readonly rbac: RbacAuthorizer,
  ) {}

  @Query(() => [ProjectModel], {
    description: 'AppProjects the caller may get (projects, get, <name>), ordered by name',
  })
  async projects(@Context() context: AuthContext): Promise<ProjectModel[]> {
    const projects = await this.reader.list();
    const visible = await this.rbac.filter(principalOf(context), 'projects', projects, (p) => p.metadata.name ?? '');
    return visible.map(toProjectModel);
  }
}
