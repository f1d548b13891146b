import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { HealthStatusCode } from '../models/application.model';

@ObjectType('ResourceTreeRef', { description: 'An owner of a tree node (ownerReferences), itself in the tree' })
export class ResourceTreeRefModel {
  @Field({ description: 'API group; empty for the core group' })
  group!: string;

  @Field()
  kind!: string;

  @Field({ description: 'Empty for cluster-scoped objects' })
  namespace!: string;

  @Field()
  name!: string;

  @Field()
  uid!: string;
}

@ObjectType('ResourceTreeHealth', { description: "A node's health (Argo CD's HealthStatus)" })
export class ResourceTreeHealthModel {
  @Field(() => HealthStatusCode)
  status!: HealthStatusCode;

  @Field(() => String, { nullable: true })
  message!: string | null;
}

@ObjectType('ResourceTreeInfo', {
  description: 'An informational item of a node (a Pod: Status Reason, Node, Containers, Restart Count)',
})
export class ResourceTreeInfoModel {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType('ResourceTreeNode', {
  description: "One live object of an application's resource tree (Argo CD's ResourceNode)",
})
export class ResourceTreeNodeModel extends ResourceTreeRefModel {
  @Field()
  version!: string;

  @Field()
  resourceVersion!: string;

  @Field(() => [ResourceTreeRefModel], { description: 'Owners of this object that are in the tree; empty for roots' })
  parentRefs!: ResourceTreeRefModel[];

  @Field(() => ResourceTreeHealthModel, { nullable: true, description: 'Null for kinds without health' })
  health!: ResourceTreeHealthModel | null;

  @Field(() => [ResourceTreeInfoModel])
  info!: ResourceTreeInfoModel[];

  @Field(() => [String], { description: 'Container images (Pods)' })
  images!: string[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  createdAt!: Date | null;
}

@ObjectType('ResourceTree', {
  description: "An application's live objects and everything they own (Argo CD's ApplicationTree)",
})
export class ResourceTreeModel {
  @Field(() => Int, { description: 'Increments with every change; a delta names the revision it applies to' })
  revision!: number;

  @Field(() => [ResourceTreeNodeModel], { description: 'Ordered by group, kind, namespace and name' })
  nodes!: ResourceTreeNodeModel[];

  @Field(() => [ResourceTreeNodeModel], {
    description:
      "Objects in the destination namespace no application tracks, and what they own (Argo CD's orphanedNodes); empty unless the project sets orphanedResources. Ordered as nodes",
  })
  orphanedNodes!: ResourceTreeNodeModel[];
}

@ObjectType('ResourceTreeNodePatch', {
  description:
    'The fields of a tree node that changed; a null field did not change, `cleared` lists those that went away',
})
export class ResourceTreeNodePatchModel {
  @Field()
  uid!: string;

  @Field(() => String, { nullable: true })
  group?: string;

  @Field(() => String, { nullable: true })
  version?: string;

  @Field(() => String, { nullable: true })
  kind?: string;

  @Field(() => String, { nullable: true })
  namespace?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  resourceVersion?: string;

  @Field(() => [ResourceTreeRefModel], { nullable: true })
  parentRefs?: ResourceTreeRefModel[];

  @Field(() => ResourceTreeHealthModel, { nullable: true })
  health?: ResourceTreeHealthModel;

  @Field(() => [ResourceTreeInfoModel], { nullable: true })
  info?: ResourceTreeInfoModel[];

  @Field(() => [String], { nullable: true })
  images?: string[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  createdAt?: Date;

  @Field(() => [String], {
    description: 'Fields that no longer have a value (health, info, images, createdAt, parentRefs)',
  })
  cleared!: string[];
}

@ObjectType('ResourceTreeEvent', {
  description:
    'A resource tree change: the whole tree (first message, and after a gap) or a delta from revision `from` to `revision`',
})
export class ResourceTreeEventModel {
  @Field(() => Int)
  revision!: number;

  @Field(() => Int, { nullable: true, description: 'The revision the delta applies to; null with a whole tree' })
  from!: number | null;

  @Field(() => ResourceTreeModel, { nullable: true, description: 'The whole tree; null for a delta' })
  tree!: ResourceTreeModel | null;

  @Field(() => [ResourceTreeNodeModel])
  added!: ResourceTreeNodeModel[];

  @Field(() => [ResourceTreeNodePatchModel])
  updated!: ResourceTreeNodePatchModel[];

  @Field(() => [String], { description: 'uids of nodes that left the tree' })
  removed!: string[];

  @Field(() => [ResourceTreeNodeModel], { description: 'Like added, for orphanedNodes' })
  orphanedAdded!: ResourceTreeNodeModel[];

  @Field(() => [ResourceTreeNodePatchModel], { description: 'Like updated, for orphanedNodes' })
  orphanedUpdated!: ResourceTreeNodePatchModel[];

  @Field(() => [String], { description: 'Like removed, for orphanedNodes' })
  orphanedRemoved!: string[];
}

@ObjectType('ManagedResourceDiff', {
  description:
    "One resource an application manages, as last compared (Argo CD's ResourceDiff): JSON strings, Secret values masked",
})
export class ManagedResourceDiffModel {
  @Field()
  group!: string;

  @Field()
  kind!: string;

  @Field()
  namespace!: string;

  @Field()
  name!: string;

  @Field({ description: 'The desired manifest as JSON ("null" when the object is to be pruned)' })
  targetState!: string;

  @Field({ description: 'The live object as JSON ("null" when it does not exist)' })
  liveState!: string;

  @Field({ description: 'Live after the diff normalization, as JSON' })
  normalizedLiveState!: string;

  @Field({ description: 'What live would be after applying the target, as JSON' })
  predictedLiveState!: string;

  @Field()
  modified!: boolean;

  @Field()
  hook!: boolean;

  @Field({ description: 'resourceVersion of the live object; empty when it does not exist' })
  resourceVersion!: string;
}
