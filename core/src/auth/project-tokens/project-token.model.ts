import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CreatedProjectToken', { description: 'A new project role token; shown once, never stored' })
export class CreatedProjectTokenModel {
  @Field()
  token!: string;

  @Field()
  id!: string;

  @Field(() => Int)
  issuedAt!: number;

  @Field(() => Int, { nullable: true, description: 'Seconds since the epoch; null: never expires' })
  expiresAt!: number | null;
}
