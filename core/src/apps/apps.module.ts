import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { ProjectsModule } from '../projects/projects.module';
import { ApplicationReader } from './application-reader.service';
import { ApplicationConnectionResolver, ApplicationResolver } from './application.resolver';
import { ApplicationIndex } from './index/application-index.service';
import { VisibleApplications } from './index/visible-applications.service';
import { ApplicationAccess } from './mutations/application-access.service';
import { ApplicationMutationsResolver } from './mutations/application-mutations.resolver';
import { ApplicationOperations } from './mutations/application-operations.service';
import { ApplicationStore } from './mutations/application-store.service';
import { ApplicationWrites } from './mutations/application-writes.service';
import { ProjectRules } from './mutations/project-rules.service';
import { DestinationResources } from './mutations/destination-resources.service';
import { ResourceMutations } from './mutations/resource-mutations.service';
import { ResourceMutationsResolver } from './mutations/resource-mutations.resolver';

/** Applications: the queries, and the mutations of Argo CD's Application API (server role). */
@Module({
  imports: [ProjectsModule, ClustersModule],
  providers: [
    ApplicationReader,
    ApplicationIndex,
    VisibleApplications,
    ApplicationResolver,
    ApplicationConnectionResolver,
    ApplicationStore,
    ApplicationAccess,
    ProjectRules,
    ApplicationOperations,
    ApplicationWrites,
    ApplicationMutationsResolver,
    DestinationResources,
    ResourceMutations,
    ResourceMutationsResolver,
  ],
  exports: [ApplicationReader],
})
export class AppsModule {}
