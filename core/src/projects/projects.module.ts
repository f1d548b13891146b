import { Module } from '@nestjs/common';
import { ProjectMutationsResolver } from './api/project-mutations.resolver';
import { ProjectRolesResolver } from './api/project-roles.resolver';
import { ProjectStore } from './api/project-store.service';
import { ProjectWrites } from './api/project-writes.service';
import { ProjectsResolver } from './api/projects.resolver';
import { ProjectReader } from './project-reader.service';

/** AppProjects: reading them today; enforcement and sync windows arrive with the controller and sync issues. */
@Module({
  providers: [
    ProjectReader,
    ProjectsResolver,
    ProjectStore,
    ProjectWrites,
    ProjectMutationsResolver,
    ProjectRolesResolver,
  ],
  exports: [ProjectReader, ProjectStore, ProjectWrites],
})
export class ProjectsModule {}
