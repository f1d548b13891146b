import { Field, InputType } from '@nestjs/graphql';
import { JSONObjectScalar } from '../json-object.scalar';

/**
 * What a client may set in an Application's metadata. Server-managed fields
 * (resourceVersion, uid, generation, managedFields, creationTimestamp,
 * deletionTimestamp, ownerReferences) have no place here, so the schema
 * refuses them.
 */
@InputType({ description: "An Application's client-settable metadata" })
export class ApplicationMetadataInput {
  @Field({ description: 'DNS-1123 subdomain' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Default: the control-plane namespace' })
  namespace?: string | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'Label keys to string values' })
  labels?: Record<string, unknown> | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'Annotation keys to string values' })
  annotations?: Record<string, unknown> | null;

  @Field(() => [String], {
    nullable: true,
    description: 'e.g. resources-finalizer.argocd.argoproj.io to delete the resources with the app',
  })
  finalizers?: string[] | null;
}

/**
 * An Application as a client writes it: metadata and spec only — no
 * `status`, no `operation` (start one with syncApplication), so neither can be
 * smuggled in (security.md BI-RBAC-2). The spec is checked against the
 * Application CRD's schema, unknown fields refused.
 */
@InputType({ description: 'An Argo CD Application to create or update (metadata and spec)' })
export class ApplicationInput {
  @Field(() => ApplicationMetadataInput)
  metadata!: ApplicationMetadataInput;

  @Field(() => JSONObjectScalar, { description: "The Application's spec, as in its YAML (argoproj.io/v1alpha1)" })
  spec!: Record<string, unknown>;
}
