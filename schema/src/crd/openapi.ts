/**
 * Builders for Kubernetes structural OpenAPI v3 schema nodes.
 *
 * The CRDs in schema/crds are generated from these builders, so that a shape Argo CD repeats
 * (ApplicationSource appears a dozen times in the Application CRD) is written once. A structural
 * schema may not use `$ref`, so every use site gets its own copy of the node.
 */

/** One node of a CRD's openAPIV3Schema (the subset of keywords a structural schema may use). */
export interface OpenApiSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  format?: string;
  enum?: readonly (string | number | boolean)[];
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema;
  items?: OpenApiSchema;
  required?: readonly string[];
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: true;
  'x-kubernetes-int-or-string'?: true;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
}

function described(schema: OpenApiSchema, description?: string): OpenApiSchema {
  return description === undefined ? schema : { description, ...schema };
}

export const string = (description?: string): OpenApiSchema => described({ type: 'string' }, description);
export const boolean = (description?: string): OpenApiSchema => described({ type: 'boolean' }, description);
export const int64 = (description?: string): OpenApiSchema =>
  described({ type: 'integer', format: 'int64' }, description);
export const int32 = (description?: string): OpenApiSchema =>
  described({ type: 'integer', format: 'int32' }, description);
/** A metav1.Time: RFC 3339 timestamp. */
export const dateTime = (description?: string): OpenApiSchema =>
  described({ type: 'string', format: 'date-time' }, description);
/** intstr.IntOrString, e.g. kustomize replica counts and RollingSync maxUpdate ("25%"). */
export const intOrString = (description?: string): OpenApiSchema =>
  described({ 'x-kubernetes-int-or-string': true }, description);

export const array = (items: OpenApiSchema, description?: string): OpenApiSchema =>
  described({ type: 'array', items }, description);
export const stringList = (description?: string): OpenApiSchema => array(string(), description);
/** map[string]string, e.g. labels and annotations. */
export const stringMap = (description?: string): OpenApiSchema =>
  described({ type: 'object', additionalProperties: { type: 'string' } }, description);
export const mapOf = (values: OpenApiSchema, description?: string): OpenApiSchema =>
  described({ type: 'object', additionalProperties: values }, description);

/** An object whose content Argo CD keeps as raw JSON (apiextensionsv1.JSON, runtime.RawExtension). */
export const freeForm = (description?: string): OpenApiSchema =>
  described({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, description);

/** An object with known properties; `required` lists the fields Argo CD's Go types do not mark omitempty. */
export function object(
  properties: Record<string, OpenApiSchema>,
  options: { required?: readonly string[]; description?: string } = {},
): OpenApiSchema {
  const schema: OpenApiSchema = { type: 'object', properties };
  if (options.required !== undefined && options.required.length > 0) schema.required = options.required;
  return described(schema, options.description);
}

/** A deep copy without descriptions, for repeated copies of a shape whose first copy is documented. */
export function withoutDescriptions(schema: OpenApiSchema): OpenApiSchema {
  const { description: _description, properties, additionalProperties, items, ...rest } = schema;
  const copy: OpenApiSchema = { ...rest };
  if (properties !== undefined) {
    copy.properties = Object.fromEntries(
      Object.entries(properties).map(([name, child]) => [name, withoutDescriptions(child)]),
    );
  }
  if (additionalProperties !== undefined) copy.additionalProperties = withoutDescriptions(additionalProperties);
  if (items !== undefined) copy.items = withoutDescriptions(items);
  return copy;
}
