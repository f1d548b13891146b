import { CustomObjectsApi } from '@kubernetes/client-node';
import { Inject } from '@nestjs/common';
import { Context, Query, Resolver } from '@nestjs/graphql';
import { type ApplicationSet } from '@driftless/schema';
import { principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/kube.module';
import { applicationSetRbacObject, toApplicationSetModel } from './application-set-view';
import { ApplicationSetModel } from './application-set.model';

@Resolver(() => ApplicationSetModel)
export class ApplicationSetsResolver {
  private readonly api: CustomObjectsApi;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
    private readonly rbac: RbacAuthorizer,
  ) {
    this.api = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  }

  @Query(() => [ApplicationSetModel], {
    description:
      'ApplicationSets of the control-plane namespace the caller may get (applicationsets, get, <project>/<name>), ordered by name',
  })
  async applicationSets(@Context() context: AuthContext): Promise<ApplicationSetModel[]> {
    const { items } = (await this.api.listNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'applicationsets',
      namespace: this.config.namespace,
    })) as { items: ApplicationSet[] };
    const visible = await this.rbac.filter(principalOf(context), 'applicationsets', items, (appSet) =>
      applicationSetRbacObject(appSet, this.config.namespace),
    );
    return visible.map(toApplicationSetModel).sort((a, b) => a.name.localeCompare(b.name));
  }
}
