import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Repository', { description: 'A repository or credential template; credential values are never returned' })
export class RepositoryModel {
  @Field({ description: 'URL, with any credentials in it replaced by ***' })
  url!: string;

  @Field({ description: 'git, helm or oci' })
  type!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  project!: string | null;

  @Field(() => String, { nullable: true })
  username!: string | null;

  @Field(() => [String], {
    description: 'Which secret fields are set (e.g. password, sshPrivateKey), not their values',
  })
  secretsSet!: string[];

  @Field()
  githubApp!: boolean;

  @Field()
  insecure!: boolean;

  @Field({ description: 'namespace/name of the Secret it is defined by' })
  source!: string;
}
