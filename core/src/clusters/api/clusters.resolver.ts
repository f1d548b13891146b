import { Query, Resolver } from '@nestjs/graphql';
import { ClusterSecrets } from '../cluster-secrets.service';
import { describeCluster } from '../describe-cluster';
import { ClusterModel } from './cluster.model';

@Resolver(() => ClusterModel)
export class ClustersResolver {
  constructor(private readonly secrets: ClusterSecrets) {}

  @Query(() => [ClusterModel], { description: 'Destination clusters: in-cluster first, then cluster Secrets by name' })
  async clusters(): Promise<ClusterModel[]> {
    const { clusters } = await this.secrets.read();
    return clusters
      .map(describeCluster)
      .sort((a, b) => Number(b.source === '') - Number(a.source === '') || a.name.localeCompare(b.name))
      .map((cluster) => ({ ...cluster, project: cluster.project ?? null }));
  }
}
