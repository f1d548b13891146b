import { Module } from '@nestjs/common';
import { ControlPlaneSecrets } from '../../repo/api/control-plane-secrets.service';
import { ClustersModule } from '../clusters.module';
import { ClusterMutationsResolver } from './cluster-mutations.resolver';
import { ClusterWrites } from './cluster-writes.service';
import { ClustersResolver } from './clusters.resolver';

/** The `clusters` query and cluster mutations (server role); kept apart so the controller role never loads GraphQL. */
@Module({
  imports: [ClustersModule],
  providers: [ClustersResolver, ControlPlaneSecrets, ClusterWrites, ClusterMutationsResolver],
})
export class ClustersApiModule {}
