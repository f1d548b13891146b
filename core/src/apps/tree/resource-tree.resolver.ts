// Application.resourceTree and Application.managedResources: what the
// controller last published for the app (controller/tree), read from Redis.
// The parent came through a path that checked `applications, get` (the
// `application` query, the filtered list) or a mutation that checked other
// rights; the same check is made again here, so no path shows a tree its
// caller may not get.
import { Inject } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { principalOf } from '../../auth/graphql/auth-errors';
import { type AuthContext } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { ApplicationModel } from '../models/application.model';
import { appRbacObject } from '../mutations/application-rbac';
import { ManagedResourceDiffModel, ResourceTreeModel } from './resource-tree.model';
import { TreeRecords } from './tree-records.service';
import { filterNodes, nodeModel, type TreeFilter } from './tree-view';
import { FIELD_COST } from '../../api/hardening/query-cost';

const filterArgs = {
  kinds: { type: () => [String], nullable: true, description: 'Only these kinds' },
  namespaces: { type: () => [String], nullable: true, description: 'Only these namespaces ("" for cluster-scoped)' },
  names: { type: () => [String], nullable: true, description: 'Only these names' },
} as const;

@Resolver(() => ApplicationModel)
export class ResourceTreeResolver {
  constructor(
    private readonly records: TreeRecords,
    private readonly rbac: RbacAuthorizer,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {}

  @ResolveField(() => ResourceTreeModel, {
    nullable: true,
    complexity: FIELD_COST.read,
    description:
      "The application's live objects and everything they own, with health, and its orphaned resources when the project monitors them; null until the controller first refreshed it",
  })
  async resourceTree(
    @Parent() app: ApplicationModel,
    @Context() context: AuthContext,
    @Args('kinds', filterArgs.kinds) kinds: string[] | null,
    @Args('namespaces', filterArgs.namespaces) namespaces: string[] | null,
    @Args('names', filterArgs.names) names: string[] | null,
  ): Promise<ResourceTreeModel | null> {
    if (!(await this.mayGet(context, app))) return null;
    const tree = await this.records.tree(`${app.namespace}/${app.name}`);
    if (!tree) return null;
    const filter: TreeFilter = { kinds, namespaces, names };
    return {
      revision: tree.revision,
      nodes: filterNodes(tree.nodes, filter).map(nodeModel),
      orphanedNodes: filterNodes(tree.orphanedNodes ?? [], filter).map(nodeModel),
    };
  }

  @ResolveField(() => [ManagedResourceDiffModel], {
    complexity: FIELD_COST.read,
    description:
      'Each managed resource as last compared (target, live, normalized and predicted live state), Secret values masked',
  })
  async managedResources(
    @Parent() app: ApplicationModel,
    @Context() context: AuthContext,
    @Args('kinds', filterArgs.kinds) kinds: string[] | null,
    @Args('namespaces', filterArgs.namespaces) namespaces: string[] | null,
    @Args('names', filterArgs.names) names: string[] | null,
  ): Promise<ManagedResourceDiffModel[]> {
    if (!(await this.mayGet(context, app))) return [];
    const resources = await this.records.managedResources(`${app.namespace}/${app.name}`);
    const filter: TreeFilter = { kinds, namespaces, names };
    return filterNodes(resources, filter).map((resource) => ({
      group: resource.group,
      kind: resource.kind,
      namespace: resource.namespace,
      name: resource.name,
      targetState: resource.targetState,
      liveState: resource.liveState,
      normalizedLiveState: resource.normalizedLiveState,
      predictedLiveState: resource.predictedLiveState,
      modified: resource.modified,
      hook: resource.hook,
      resourceVersion: resource.resourceVersion,
    }));
  }

  private async mayGet(context: AuthContext, app: ApplicationModel): Promise<boolean> {
    const can = await this.rbac.syncChecker(principalOf(context));
    return can('get', 'applications', appRbacObject(app.project, app.namespace, app.name, this.config.namespace));
  }
}
