import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Cluster', { description: 'A destination cluster; credentials are never returned' })
export class ClusterModel {
  @Field()
  name!: string;

  @Field()
  server!: string;

  @Field(() => [String], { description: 'Namespaces Driftless may manage there; empty means all' })
  namespaces!: string[];

  @Field()
  clusterResources!: boolean;

  @Field(() => String, { nullable: true })
  project!: string | null;

  @Field({ description: 'How it authenticates: in-cluster, bearerToken, basic, tlsClientCert, exec, aws or none' })
  authentication!: string;

  @Field()
  insecure!: boolean;

  @Field({ description: 'namespace/name of its Secret; empty for the built-in in-cluster destination' })
  source!: string;
}
