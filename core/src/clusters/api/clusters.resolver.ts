import { Context, Query, Resolver } from '@nestjs/graphql';
import { principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { ClusterSecrets } from '../cluster-secrets.service';
import { describeCluster } from '../describe-cluster';
import { ClusterModel } from './cluster.model';

@Resolver(() => ClusterModel)
export class ClustersResolver {
  constructor(
    private readonly secrets: ClusterSecrets,
    private readonly rbac: RbacAuthorizer,
  ) {}

  @Query(() => [ClusterModel], {
    description:
      'Destination clusters the caller may get (clusters, get, [<project>/]<server>): in-cluster first, then cluster Secrets by name',
  })
  async clusters(@Context() context: AuthContext): Promise<ClusterModel[]> {
    const { clusters } = await this.secrets.read();
    const described = clusters.map(describeCluster);
    // Argo CD's cluster RBAC object: the server URL, prefixed by the project of a project-scoped cluster.
    const visible = await this.rbac.filter(principalOf(context), 'clusters', described, (cluster) =>
      cluster.project ? `${cluster.project}/${cluster.server}` : cluster.server,
    );
    return visible
      .sort((a, b) => Number(b.source === '') - Number(a.source === '') || a.name.localeCompare(b.name))
      .map((cluster) => ({ ...cluster, project: cluster.project ?? null }));
  }
}
