import { Module } from '@nestjs/common';
import { ProjectsResolver } from './api/projects.resolver';
import { ProjectReader } from './project-reader.service';

/** AppProjects: reading them today; enforcement and sync windows arrive with the controller and sync issues. */
@Module({ providers: [ProjectReader, ProjectsResolver], exports: [ProjectReader] })
export class ProjectsModule {}
