import { Field, InputType, Int } from '@nestjs/graphql';
import { JSONObjectScalar } from '../../../apps/mutations/json-object.scalar';

@InputType({ description: 'TLS settings of a cluster connection; keyData is write-only' })
export class ClusterTlsInput {
  @Field({ nullable: true })
  insecure?: boolean;

  @Field(() => String, { nullable: true })
  serverName?: string | null;

  @Field(() => String, { nullable: true, description: 'Base64 PEM client certificate' })
  certData?: string | null;

  @Field(() => String, { nullable: true, description: 'Base64 PEM client key; write-only' })
  keyData?: string | null;

  @Field(() => String, { nullable: true, description: 'Base64 PEM CA bundle' })
  caData?: string | null;
}

@InputType({ description: 'An exec credential plugin the controller runs to authenticate' })
export class ClusterExecInput {
  @Field()
  command!: string;

  @Field(() => [String], { nullable: true })
  args?: string[] | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'Names to string values; write-only' })
  env?: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  apiVersion?: string | null;

  @Field(() => String, { nullable: true })
  installHint?: string | null;
}

@InputType({ description: 'How Driftless reaches the cluster: Argo CD ClusterConfig; secret values are write-only' })
export class ClusterConfigInput {
  @Field(() => String, { nullable: true })
  username?: string | null;

  @Field(() => String, { nullable: true, description: 'Write-only' })
  password?: string | null;

  @Field(() => String, { nullable: true, description: 'Write-only' })
  bearerToken?: string | null;

  @Field(() => ClusterTlsInput, { nullable: true })
  tlsClientConfig?: ClusterTlsInput | null;

  @Field(() => ClusterExecInput, { nullable: true })
  execProviderConfig?: ClusterExecInput | null;

  @Field({ nullable: true })
  disableCompression?: boolean;

  @Field(() => String, { nullable: true })
  proxyUrl?: string | null;
}

@InputType({ description: 'A destination cluster to register (its cluster Secret)' })
export class ClusterInput {
  @Field({ description: 'API server URL' })
  server!: string;

  @Field(() => String, { nullable: true, description: 'Default: the server URL' })
  name?: string | null;

  @Field(() => [String], { nullable: true, description: 'Namespaces Driftless may manage; empty: all' })
  namespaces?: string[] | null;

  @Field({ nullable: true })
  clusterResources?: boolean;

  @Field(() => String, { nullable: true })
  project?: string | null;

  @Field(() => Int, { nullable: true, description: 'Controller shard' })
  shard?: number | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'Labels of the cluster Secret' })
  labels?: Record<string, unknown> | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'Annotations of the cluster Secret' })
  annotations?: Record<string, unknown> | null;

  @Field(() => ClusterConfigInput, { nullable: true })
  config?: ClusterConfigInput | null;
}

@InputType({ description: 'What `cluster set` changes; absent fields stay as they are, credentials are kept' })
export class ClusterUpdateInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [String], { nullable: true })
  namespaces?: string[] | null;

  @Field({ nullable: true })
  clusterResources?: boolean;

  @Field(() => String, { nullable: true, description: '"" removes the project restriction' })
  project?: string | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'Replaces the Secret’s own labels' })
  labels?: Record<string, unknown> | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'Replaces the Secret’s own annotations' })
  annotations?: Record<string, unknown> | null;
}
