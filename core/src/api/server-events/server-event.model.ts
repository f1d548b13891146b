import { Field, GraphQLISODateTime, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ServerEventType {
  RoleStarted = 'RoleStarted',
  RoleStopping = 'RoleStopping',
}

registerEnumType(ServerEventType, { name: 'ServerEventType', description: 'What happened to a Driftless process' });

@ObjectType('ServerEvent', {
  description: 'A lifecycle event of any Driftless process sharing this Redis and namespace',
})
export class ServerEventModel {
  @Field(() => ServerEventType)
  type!: ServerEventType;

  @Field({ description: 'Human-readable description' })
  message!: string;

  @Field({ description: 'host:pid/role of the process the event is about' })
  source!: string;

  @Field(() => GraphQLISODateTime)
  at!: Date;
}
