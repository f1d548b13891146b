import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type Application } from '@driftless/schema';
import { PageInfo } from '../../api/pagination/page-info.model';
import {
  type ApplicationFilter as ApplicationFacetFilter,
  type ApplicationRow as ApplicationFacetRow,
} from '../query/application-filter';

export enum SyncStatusCode {
  Synced = 'Synced',
  OutOfSync = 'OutOfSync',
  Unknown = 'Unknown',
}

export enum HealthStatusCode {
  Healthy = 'Healthy',
  Progressing = 'Progressing',
  Degraded = 'Degraded',
  Suspended = 'Suspended',
  Missing = 'Missing',
  Unknown = 'Unknown',
}

registerEnumType(SyncStatusCode, {
  name: 'SyncStatusCode',
  description: "Whether the live state matches Git (Argo CD's sync status)",
});
registerEnumType(HealthStatusCode, { name: 'HealthStatusCode', description: "Argo CD's health statuses" });

@ObjectType({ description: 'Where an application’s manifests come from' })
export class ApplicationSourceModel {
  @Field()
  repoURL!: string;

  @Field(() => String, { nullable: true })
  path!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Branch, tag, commit or chart version; Argo CD defaults to HEAD',
  })
  targetRevision!: string | null;

  @Field(() => String, { nullable: true, description: 'Helm chart name for Helm repository sources' })
  chart!: string | null;

  @Field(() => String, { nullable: true, description: 'Name other sources refer to as $ref' })
  ref!: string | null;
}

@ObjectType({ description: 'The cluster and namespace an application deploys to' })
export class ApplicationDestinationModel {
  @Field(() => String, { nullable: true })
  server!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  namespace!: string | null;
}

@ObjectType('Application', { description: 'An Argo CD Application (argoproj.io/v1alpha1)' })
export class ApplicationModel {
  @Field()
  name!: string;

  @Field({ description: 'Namespace the Application resource lives in' })
  namespace!: string;

  @Field()
  project!: string;

  @Field(() => [ApplicationSourceModel], { description: '`spec.sources`, or `spec.source` as a one-element list' })
  sources!: ApplicationSourceModel[];

  @Field(() => ApplicationDestinationModel)
  destination!: ApplicationDestinationModel;

  @Field({ description: 'Whether spec.syncPolicy.automated enables automated sync' })
  autoSync!: boolean;

  @Field(() => SyncStatusCode, {
    nullable: true,
    description: 'Null until the controller has compared the application',
  })
  syncStatus!: SyncStatusCode | null;

  @Field(() => HealthStatusCode, {
    nullable: true,
    description: 'Null until the controller has assessed the application',
  })
  healthStatus!: HealthStatusCode | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  createdAt!: Date | null;

  /**
   * The stored Application this model was built from (not a GraphQL field):
   * the detail fields (spec, status, sync windows, …) read it, so a page of
   * the list costs nothing for fields nobody asked for and nothing is read twice.
   */
  stored?: Application;
}

@ObjectType()
export class ApplicationEdge {
  @Field()
  cursor!: string;

  @Field(() => ApplicationModel)
  node!: ApplicationModel;
}

@ObjectType({ description: 'A page of applications (Relay connection)' })
export class ApplicationConnection {
  @Field(() => [ApplicationEdge])
  edges!: ApplicationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many applications match, over all pages' })
  totalCount!: number;

  /** What `facets` counts over (not a GraphQL field): the rows the caller may see, and the filter. */
  facetSource?: { items: readonly { row: ApplicationFacetRow }[]; filter: ApplicationFacetFilter };
}
