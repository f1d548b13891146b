import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ApplicationSetCondition')
export class ApplicationSetConditionModel {
  @Field()
  type!: string;

  @Field()
  status!: string;

  @Field()
  message!: string;

  @Field(() => String, { nullable: true })
  lastTransitionTime!: string | null;
}

@ObjectType('ApplicationSetResource', { description: 'An Application the set generated' })
export class ApplicationSetResourceModel {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  namespace!: string | null;

  @Field(() => String, { nullable: true })
  syncStatus!: string | null;

  @Field(() => String, { nullable: true })
  healthStatus!: string | null;
}

@ObjectType('ApplicationSet', { description: 'An ApplicationSet, by allow-list (generator parameters are not shown)' })
export class ApplicationSetModel {
  @Field()
  name!: string;

  @Field()
  namespace!: string;

  @Field({ description: "The generated Applications' project (spec.template.spec.project)" })
  project!: string;

  @Field(() => [String], { description: 'Generator kinds, in order (list, clusters, git, matrix, …)' })
  generators!: string[];

  @Field()
  goTemplate!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'syncPolicy.applicationsSync: create-only, create-update, create-delete or sync',
  })
  applicationsSync!: string | null;

  @Field()
  preserveResourcesOnDeletion!: boolean;

  @Field(() => String, { nullable: true, description: 'strategy.type: AllAtOnce or RollingSync' })
  strategy!: string | null;

  @Field(() => [ApplicationSetConditionModel])
  conditions!: ApplicationSetConditionModel[];

  @Field(() => [ApplicationSetResourceModel])
  resources!: ApplicationSetResourceModel[];

  @Field(() => Int)
  resourcesCount!: number;
}
