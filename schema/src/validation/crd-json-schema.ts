/**
 * Turns a CRD's structural openAPIV3Schema into the JSON Schema ajv checks.
 *
 * It is stricter than the API server in one way: objects with known properties reject unknown ones
 * (`additionalProperties: false`), as `kubectl apply --validate=strict` does, instead of silently
 * pruning them. Where the CRD preserves unknown fields, anything goes.
 */
import type { OpenApiSchema } from '../crd/openapi';

export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  format?: string;
  enum?: readonly unknown[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: readonly string[];
}

/**
 * ObjectMeta: the fields a manifest sets are typed; those the API server sets are only named, so
 * that a misspelt field (`annotation:`) is reported while `kubectl get -o yaml` output passes.
 */
const objectMeta: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    generateName: { type: 'string' },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    finalizers: { type: 'array', items: { type: 'string' } },
    ...Object.fromEntries(
      [
        'uid',
        'resourceVersion',
        'generation',
        'selfLink',
        'creationTimestamp',
        'deletionTimestamp',
        'deletionGracePeriodSeconds',
        'ownerReferences',
        'managedFields',
      ].map((field) => [field, {}]),
    ),
  },
  additionalProperties: false,
};

export function crdToJsonSchema(root: OpenApiSchema): JsonSchema {
  const schema = convert(root);
  if (schema.properties?.metadata !== undefined) schema.properties.metadata = objectMeta;
  // A missing metadata is reported for every kind by the resource checks, so not twice here.
  if (schema.required !== undefined) schema.required = schema.required.filter((name) => name !== 'metadata');
  return shareRepeatedShapes(schema);
}

/** Shapes smaller than this (in JSON characters) are cheaper to inline than to reference. */
const SHARE_THRESHOLD = 400;

/**
 * A CRD repeats shapes (ApplicationSpec appears ten times in the ApplicationSet CRD). ajv would
 * generate code for each copy — megabytes for the ApplicationSet — so every shape that occurs more
 * than once is moved to `$defs` and referenced, and compiled once.
 */
function shareRepeatedShapes(schema: JsonSchema): JsonSchema {
  const counts = new Map<string, number>();
  const countShapes = (node: JsonSchema): void => {
    forEachChild(node, countShapes);
    const key = JSON.stringify(node);
    if (key.length >= SHARE_THRESHOLD) counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  countShapes(schema);

  const defs: Record<string, JsonSchema> = {};
  const names = new Map<string, string>();
  const share = (node: JsonSchema): JsonSchema => {
    const key = JSON.stringify(node);
    const shared = (counts.get(key) ?? 0) > 1;
    const existing = shared ? names.get(key) : undefined;
    if (existing !== undefined) return { $ref: `#/$defs/${existing}` };
    const copy = mapChildren(node, share);
    if (!shared) return copy;
    const name = `shape${names.size}`;
    names.set(key, name);
    defs[name] = copy;
    return { $ref: `#/$defs/${name}` };
  };
  const root = mapChildren(schema, share);
  return names.size === 0 ? root : { ...root, $defs: defs };
}

function forEachChild(node: JsonSchema, visit: (child: JsonSchema) => void): void {
  Object.values(node.properties ?? {}).forEach(visit);
  if (typeof node.additionalProperties === 'object') visit(node.additionalProperties);
  if (node.items !== undefined) visit(node.items);
}

function mapChildren(node: JsonSchema, map: (child: JsonSchema) => JsonSchema): JsonSchema {
  const copy: JsonSchema = { ...node };
  if (node.properties !== undefined) {
    copy.properties = Object.fromEntries(Object.entries(node.properties).map(([key, child]) => [key, map(child)]));
  }
  if (typeof node.additionalProperties === 'object') copy.additionalProperties = map(node.additionalProperties);
  if (node.items !== undefined) copy.items = map(node.items);
  return copy;
}

function convert(node: OpenApiSchema): JsonSchema {
  const out: JsonSchema = {};
  if (node['x-kubernetes-int-or-string'] === true) out.type = ['integer', 'string'];
  else if (node.type !== undefined) out.type = node.nullable === true ? [node.type, 'null'] : node.type;
  if (node.format !== undefined) out.format = node.format;
  if (node.enum !== undefined) out.enum = node.enum;
  if (node.required !== undefined) out.required = node.required;
  if (node.items !== undefined) out.items = convert(node.items);
  if (node.properties !== undefined) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([key, child]) => [key, convert(child)]));
    if (node['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  }
  if (node.additionalProperties !== undefined) out.additionalProperties = convert(node.additionalProperties);
  return out;
}
