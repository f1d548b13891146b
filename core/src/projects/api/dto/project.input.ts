import { Field, InputType } from '@nestjs/graphql';
import { JSONObjectScalar } from '../../../apps/mutations/json-object.scalar';

/**
 * An AppProject as a client writes it: name, labels, annotations and spec.
 * No resourceVersion, status or role tokens: the server manages those (tokens
 * through createProjectToken). The spec is checked against the CRD schema.
 */
@InputType({ description: 'An Argo CD AppProject to create or update (name, labels, annotations, spec)' })
export class ProjectInput {
  @Field({ description: 'DNS-1123 subdomain' })
  name!: string;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'Label keys to string values' })
  labels?: Record<string, unknown> | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'Annotation keys to string values' })
  annotations?: Record<string, unknown> | null;

  @Field(() => JSONObjectScalar, {
    description: "The AppProject's spec, as in its YAML, without roles[].jwtTokens (argoproj.io/v1alpha1)",
  })
  spec!: Record<string, unknown>;
}

@InputType({ description: 'A project role: who it binds (groups) and what it may do (policies)' })
export class ProjectRoleInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Casbin lines: p, proj:<project>:<role>, <resource>, <action>, <project>/<object>, allow|deny',
  })
  policies?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'OIDC groups bound to the role' })
  groups?: string[] | null;
}

@InputType({ description: 'A sync window of a project' })
export class SyncWindowInput {
  @Field({ description: 'allow or deny' })
  kind!: string;

  @Field({ description: 'Five-field cron schedule' })
  schedule!: string;

  @Field({ description: 'Go duration, e.g. 1h' })
  duration!: string;

  @Field(() => [String], { nullable: true })
  applications?: string[] | null;

  @Field(() => [String], { nullable: true })
  namespaces?: string[] | null;

  @Field(() => [String], { nullable: true })
  clusters?: string[] | null;

  @Field({ nullable: true })
  manualSync?: boolean;

  @Field(() => String, { nullable: true })
  timeZone?: string | null;

  @Field({ nullable: true })
  andOperator?: boolean;

  @Field(() => String, { nullable: true })
  description?: string | null;
}
