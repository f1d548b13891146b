import { Module } from '@nestjs/common';
import { ApiHardeningModule } from '../api/hardening/api-hardening.module';
import { ClustersModule } from '../clusters/clusters.module';
import { ProjectsModule } from '../projects/projects.module';
import { ApplicationReader } from './application-reader.service';
import { ApplicationConnectionResolver, ApplicationResolver } from './application.resolver';
import { ApplicationDetailResolver } from './detail/application-detail.resolver';
import { ApplicationEvents } from './detail/application-events.service';
import { ApplicationManifests } from './detail/application-manifests.service';
import { ApplicationStatusResolver } from './detail/application-status.resolver';
import { DestinationClusters } from './detail/destination-cluster.service';
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
import { ResourceTreeResolver } from './tree/resource-tree.resolver';
import { ResourceTreeSubscriptionResolver } from './tree/resource-tree-subscription.resolver';
import { TreeDeltas } from './tree/tree-deltas.service';
import { TreeRecords } from './tree/tree-records.service';
import { ApplicationsRestController } from './rest/applications-rest.controller';
import { ApplicationChangeFeed } from './subscriptions/application-change-feed.service';
import { ApplicationChanges } from './subscriptions/application-changes.service';
import { ApplicationEventsStream } from './subscriptions/application-events-stream.service';
import { ApplicationOperationProgress } from './subscriptions/application-operation-progress.service';
import { ApplicationSubscriptionsResolver } from './subscriptions/application-subscriptions.resolver';
import { ApplicationVisibility } from './subscriptions/application-visibility.service';

/** Applications: the queries, and the mutations of Argo CD's Application API (server role). */
@Module({
  imports: [ProjectsModule, ClustersModule, ApiHardeningModule],
  controllers: [ApplicationsRestController],
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
    DestinationClusters,
    ApplicationEvents,
    ApplicationManifests,
    ApplicationDetailResolver,
    ApplicationStatusResolver,
    ApplicationChangeFeed,
    ApplicationChanges,
    ApplicationVisibility,
    ApplicationOperationProgress,
    ApplicationEventsStream,
    ApplicationSubscriptionsResolver,
    TreeRecords,
    TreeDeltas,
    ResourceTreeResolver,
    ResourceTreeSubscriptionResolver,
  ],
  exports: [ApplicationReader, ApplicationIndex],
})
export class AppsModule {}
