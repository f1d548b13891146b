// Argo CD's cluster API as GraphQL mutations. Thin: ClusterWrites
// authorizes against the stored cluster and writes; answers never carry a
// credential (the Cluster type says how it authenticates, not with what).
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { badInput, principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { secretMutation } from '../../repo/api/repository-errors';
import { ClusterModel } from './cluster.model';
import { ClusterInputProblem, clusterSecretInput } from './cluster-input';
import { ClusterWrites } from './cluster-writes.service';
import { ClusterInput, ClusterUpdateInput } from './dto/cluster.input';

async function clusterMutation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await secretMutation(run);
  } catch (error) {
    if (error instanceof ClusterInputProblem) throw badInput(error.message);
    throw error;
  }
}

const selectorArg = { description: 'Server URL (http/https) or cluster name' } as const;

@Resolver()
export class ClusterMutationsResolver {
  constructor(private readonly writes: ClusterWrites) {}

  @Mutation(() => ClusterModel, {
    description: 'Registers a cluster: writes its cluster Secret (clusters, create, [<project>/]<server>)',
  })
  createCluster(
    @Args('cluster', { type: () => ClusterInput }) cluster: ClusterInput,
    @Args('upsert', { defaultValue: false, description: 'Replace an existing one with different settings' })
    upsert: boolean,
    @Context() context: AuthContext,
  ): Promise<ClusterModel> {
    return clusterMutation(() => this.writes.create(principalOf(context), clusterSecretInput(cluster), upsert));
  }

  @Mutation(() => ClusterModel, {
    description:
      'Changes name, namespaces, project, labels or annotations of a cluster (clusters, update); credentials stay',
  })
  updateCluster(
    @Args('cluster', selectorArg) selector: string,
    @Args('update', { type: () => ClusterUpdateInput }) update: ClusterUpdateInput,
    @Context() context: AuthContext,
  ): Promise<ClusterModel> {
    return clusterMutation(() => this.writes.update(principalOf(context), selector, update));
  }

  @Mutation(() => Boolean, {
    description: 'Removes a cluster Secret (clusters, delete); the in-cluster destination cannot be removed',
  })
  deleteCluster(@Args('cluster', selectorArg) selector: string, @Context() context: AuthContext): Promise<boolean> {
    return clusterMutation(async () => {
      await this.writes.delete(principalOf(context), selector);
      return true;
    });
  }
}
