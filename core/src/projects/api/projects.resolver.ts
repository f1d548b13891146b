import { Query, Resolver } from '@nestjs/graphql';
import { ProjectReader } from '../project-reader.service';
import { toProjectModel } from '../project-summary';
import { ProjectModel } from './project.model';

@Resolver(() => ProjectModel)
export class ProjectsResolver {
  constructor(private readonly reader: ProjectReader) {}

  @Query(() => [ProjectModel], { description: 'AppProjects, ordered by name' })
  async projects(): Promise<ProjectModel[]> {
    return (await this.reader.list()).map(toProjectModel);
  }
}
