import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('EventObjectRef', { description: 'The object a Kubernetes Event is about' })
export class EventObjectRefModel {
  @Field()
  apiVersion!: string;

  @Field()
  kind!: string;

  @Field()
  namespace!: string;

  @Field()
  name!: string;
}

@ObjectType('ApplicationEvent', {
  description: 'A Kubernetes Event about the application or one of its managed resources',
})
export class ApplicationEventModel {
  @Field({ description: 'Normal or Warning' })
  type!: string;

  @Field()
  reason!: string;

  @Field()
  message!: string;

  @Field(() => Int, { description: 'How many times it happened' })
  count!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  firstTimestamp!: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it last happened (what the list is ordered by)',
  })
  lastTimestamp!: Date | null;

  @Field({ description: 'The component that reported it' })
  source!: string;

  @Field(() => EventObjectRefModel)
  involvedObject!: EventObjectRefModel;
}
