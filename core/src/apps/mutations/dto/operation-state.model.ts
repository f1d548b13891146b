import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('SyncResourceResult', { description: 'What a sync did to one resource' })
export class SyncResourceResultModel {
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

  @Field(() => String, { nullable: true, description: 'Synced, SyncFailed, Pruned, PruneSkipped' })
  status!: string | null;

  @Field(() => String, { nullable: true, description: 'Running, Succeeded, Failed, Error, Terminating' })
  hookPhase!: string | null;

  @Field(() => String, { nullable: true, description: 'PreSync, Sync, PostSync, SyncFail, … for hooks' })
  hookType!: string | null;

  @Field(() => String, { nullable: true, description: 'PreSync, Sync, PostSync, SyncFail' })
  syncPhase!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;
}

@ObjectType('OperationState', { description: "An application's current or last operation (status.operationState)" })
export class OperationStateModel {
  @Field({ description: 'Running, Terminating, Succeeded, Failed, Error' })
  phase!: string;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field()
  startedAt!: string;

  @Field(() => String, { nullable: true })
  finishedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Who started it' })
  initiatedBy!: string | null;

  @Field({ description: 'Whether it was started by auto-sync' })
  automated!: boolean;

  @Field(() => String, { nullable: true, description: 'The revision it synced (syncResult.revision)' })
  revision!: string | null;

  @Field(() => [SyncResourceResultModel])
  resources!: SyncResourceResultModel[];
}

@ObjectType('ApplicationOperation', { description: "An application's operation: requested, running or last" })
export class ApplicationOperationModel {
  @Field({ description: 'An operation is requested and the controller has not finished it' })
  pending!: boolean;

  @Field(() => OperationStateModel, { nullable: true })
  state!: OperationStateModel | null;
}
