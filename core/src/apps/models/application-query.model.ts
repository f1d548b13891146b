import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType({
  description: 'Filters of the application list: values within one filter are ORed, filters are ANDed',
})
export class ApplicationFilterInput {
  @Field(() => [String], { nullable: true, description: 'Projects (spec.project)' })
  projects?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Destination clusters, by server URL or name' })
  clusters?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Destination namespaces' })
  namespaces?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Source repositories (case, trailing / and .git ignored)' })
  repos?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Sync statuses: Synced, OutOfSync, Unknown' })
  syncStatuses?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Health statuses: Healthy, Progressing, Degraded, Suspended, Missing, Unknown',
  })
  healthStatuses?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only applications with (true) or without (false) auto-sync' })
  autoSync?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Kubernetes label selector on the Application, e.g. "team=shop,env in (prod,staging),!legacy"',
  })
  labelSelector?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name (case-insensitive)' })
  search?: string | null;
}

@ObjectType({ description: 'How many applications have one value of a facet' })
export class FacetCount {
  @Field()
  value!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({
  description:
    'Counts per value for each filter, over the applications every other filter leaves (choosing OutOfSync still counts Synced)',
})
export class ApplicationFacets {
  @Field(() => [FacetCount])
  project!: FacetCount[];

  @Field(() => [FacetCount], { description: 'Destination server URLs and names' })
  cluster!: FacetCount[];

  @Field(() => [FacetCount], { description: 'Destination namespaces' })
  namespace!: FacetCount[];

  @Field(() => [FacetCount])
  repo!: FacetCount[];

  @Field(() => [FacetCount])
  syncStatus!: FacetCount[];

  @Field(() => [FacetCount])
  healthStatus!: FacetCount[];

  @Field(() => [FacetCount], { description: '"true" or "false"' })
  autoSync!: FacetCount[];
}
