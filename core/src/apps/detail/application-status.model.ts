// An Application's status as the API shows it (Argo CD's ApplicationStatus),
// field by field: each part is built only when a query asks for it
// (ApplicationStatusResolver), from the stored object the model carries.
import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { type Application } from '@driftless/schema';
import { OperationStateModel } from '../mutations/dto/operation-state.model';
import { ApplicationDestinationModel, ApplicationSourceModel } from '../models/application.model';

@ObjectType('ComparedTo', { description: 'The sources and destination the last comparison used' })
export class ComparedToModel {
  @Field(() => [ApplicationSourceModel], { description: '`sources`, or `source` as a one-element list' })
  sources!: ApplicationSourceModel[];

  @Field(() => ApplicationDestinationModel)
  destination!: ApplicationDestinationModel;
}

@ObjectType('ApplicationSyncStatus', { description: 'status.sync: how the live state compares with Git' })
export class ApplicationSyncStatusModel {
  @Field({ description: 'Synced, OutOfSync or Unknown' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'The compared revision (single-source apps)' })
  revision!: string | null;

  @Field(() => [String], { description: 'The compared revisions, one per source (multi-source apps)' })
  revisions!: string[];

  @Field(() => ComparedToModel, { nullable: true })
  comparedTo!: ComparedToModel | null;
}

@ObjectType('ApplicationHealth', { description: 'status.health' })
export class ApplicationHealthModel {
  @Field({ description: 'Healthy, Progressing, Degraded, Suspended, Missing or Unknown' })
  status!: string;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastTransitionTime!: Date | null;
}

@ObjectType('ApplicationCondition', { description: 'A problem or warning the controller reports on the app' })
export class ApplicationConditionModel {
  @Field({ description: 'e.g. ComparisonError, SyncError, OrphanedResourceWarning' })
  type!: string;

  @Field()
  message!: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastTransitionTime!: Date | null;
}

@ObjectType('RevisionHistory', { description: 'One past sync (status.history), what `app history` and rollback use' })
export class RevisionHistoryModel {
  @Field(() => Int)
  id!: number;

  @Field(() => String, { nullable: true })
  revision!: string | null;

  @Field(() => [String])
  revisions!: string[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  deployedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  deployStartedAt!: Date | null;

  @Field(() => [ApplicationSourceModel], { description: '`sources`, or `source` as a one-element list' })
  sources!: ApplicationSourceModel[];

  @Field(() => String, { nullable: true, description: 'The user who started the sync' })
  initiatedBy!: string | null;

  @Field({ description: 'Whether auto-sync started it' })
  automated!: boolean;
}

@ObjectType('ApplicationResourceStatus', { description: 'One managed resource as status.resources lists it' })
export class ApplicationResourceStatusModel {
  @Field()
  group!: string;

  @Field()
  version!: string;

  @Field()
  kind!: string;

  @Field()
  namespace!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Synced, OutOfSync or Unknown' })
  status!: string | null;

  @Field(() => ApplicationHealthModel, { nullable: true })
  health!: ApplicationHealthModel | null;

  @Field()
  hook!: boolean;

  @Field()
  requiresPruning!: boolean;

  @Field(() => Int, { nullable: true })
  syncWave!: number | null;
}

@ObjectType('ApplicationStatusSummary', { description: 'status.summary' })
export class ApplicationStatusSummaryModel {
  @Field(() => [String])
  images!: string[];

  @Field(() => [String])
  externalURLs!: string[];
}

@ObjectType('ApplicationStatus', { description: "The controller's view of an application (status), by allow-list" })
export class ApplicationStatusModel {
  @Field(() => ApplicationSyncStatusModel, { nullable: true })
  sync?: ApplicationSyncStatusModel | null;

  @Field(() => ApplicationHealthModel, { nullable: true })
  health?: ApplicationHealthModel | null;

  @Field(() => OperationStateModel, { nullable: true })
  operationState?: OperationStateModel | null;

  @Field(() => [ApplicationConditionModel])
  conditions?: ApplicationConditionModel[];

  @Field(() => [RevisionHistoryModel])
  history?: RevisionHistoryModel[];

  @Field(() => [ApplicationResourceStatusModel])
  resources?: ApplicationResourceStatusModel[];

  @Field(() => ApplicationStatusSummaryModel)
  summary?: ApplicationStatusSummaryModel;

  @Field(() => GraphQLISODateTime, { nullable: true })
  reconciledAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Directory, Helm, Kustomize or Plugin (single-source apps)' })
  sourceType?: string | null;

  @Field(() => [String], { description: 'One source type per source (multi-source apps)' })
  sourceTypes?: string[];

  /** The stored Application (not a GraphQL field): what the field resolvers read. */
  stored!: Application;
}
