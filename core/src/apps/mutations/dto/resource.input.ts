import { Field, InputType, ObjectType } from '@nestjs/graphql';

@InputType({ description: "One object of an application's managed tree (status.resources)" })
export class ManagedResourceInput {
  @Field({ defaultValue: '', description: 'Empty for the core group' })
  group!: string;

  @Field()
  kind!: string;

  @Field({ defaultValue: '', description: 'Empty for a cluster-scoped object' })
  namespace!: string;

  @Field()
  name!: string;

  @Field({ defaultValue: '', description: 'Default: the version the application manages' })
  version!: string;
}

@InputType({ description: 'A parameter of a resource action' })
export class ResourceActionParameterInput {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType('ManagedResourceRef', { description: 'The object a resource mutation acted on' })
export class ManagedResourceRefModel {
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
}
