// Subscription.applicationResourceTree: the whole tree, then deltas as the
// controller publishes them. The first check is the mutations' (names,
// namespace served, `applications, get` on the stored app, a refusal that
// reads like a missing app); every later event is checked again with the
// policy and the app's project as they are then.
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { ApplicationIndex } from '../index/application-index.service';
import { ApplicationAccess } from '../mutations/application-access.service';
import { appRbacObject } from '../mutations/application-rbac';
import { ResourceTreeEventModel } from './resource-tree.model';
import { resourceTreeEvents } from './tree-event-stream';
import { TreeDeltas } from './tree-deltas.service';
import { TreeRecords } from './tree-records.service';

@Resolver(() => ResourceTreeEventModel)
export class ResourceTreeSubscriptionResolver {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly index: ApplicationIndex,
    private readonly rbac: RbacAuthorizer,
    private readonly records: TreeRecords,
    private readonly deltas: TreeDeltas,
  ) {}

  @Subscription(() => ResourceTreeEventModel, {
    description:
      "An application's resource tree: the whole tree first, then deltas (applications, get; checked again before every event)",
    resolve: (event: ResourceTreeEventModel) => event,
  })
  async applicationResourceTree(
    @Args('name') name: string,
    @Args('appNamespace', { type: () => String, nullable: true, description: 'Default: the control-plane namespace' })
    appNamespace: string | null,
    @Context() context: AuthContext,
  ): Promise<AsyncIterableIterator<ResourceTreeEventModel>> {
    const principal = principalOf(context);
    const { namespace } = await this.access.authorize(context, 'get', { name, namespace: appNamespace ?? undefined });
    const appKey = `${namespace}/${name}`;
    return resourceTreeEvents({
      subscription: this.deltas.listen(appKey),
      readTree: () => this.records.tree(appKey),
      allowed: async () => {
        const entry = await this.index.get(namespace, name);
        if (!entry) return false;
        const can = await this.rbac.syncChecker(principal);
        const object = appRbacObject(entry.application.spec.project, namespace, name, this.access.controlNamespace);
        return can('get', 'applications', object);
      },
    });
  }
}
