import { Field, Float, InputType, Int, registerEnumType } from '@nestjs/graphql';

export enum SyncStrategyKind {
  apply = 'apply',
  hook = 'hook',
}

registerEnumType(SyncStrategyKind, {
  name: 'SyncStrategyKind',
  description: 'hook (the default) runs resource hooks; apply only applies',
});

@InputType({ description: 'How the sync applies resources' })
export class SyncStrategyInput {
  @Field(() => SyncStrategyKind, { defaultValue: SyncStrategyKind.hook })
  type!: SyncStrategyKind;

  @Field({ defaultValue: false, description: 'Delete and re-create what cannot be applied' })
  force!: boolean;
}

@InputType({
  description:
    "Resources to sync: Argo CD's selective-sync selector; `*` matches anything in a field, exclude drops what it matches",
})
export class SyncResourceInput {
  @Field({ defaultValue: '', description: 'Empty for the core group' })
  group!: string;

  @Field()
  kind!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  namespace?: string | null;

  @Field({ defaultValue: false })
  exclude!: boolean;
}

@InputType({ description: 'Wait between attempts of a failed sync' })
export class RetryBackoffInput {
  @Field({ defaultValue: '5s', description: 'First wait (a Go duration)' })
  duration!: string;

  @Field({ defaultValue: '3m', description: 'Longest wait (a Go duration)' })
  maxDuration!: string;

  @Field(() => Float, { defaultValue: 2 })
  factor!: number;
}

@InputType({ description: 'Retry policy of this sync (replaces the app’s)' })
export class RetryInput {
  @Field(() => Int, { description: 'Attempts after the first; negative: no limit' })
  limit!: number;

  @Field(() => RetryBackoffInput, { nullable: true })
  backoff?: RetryBackoffInput | null;
}

@InputType({ description: 'A note recorded with the operation' })
export class OperationInfoInput {
  @Field()
  name!: string;

  @Field()
  value!: string;
}
