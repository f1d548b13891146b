// Validation of custom resources against their CRD's openAPIV3Schema: types,
// required fields, enums and bounds, and pruning of unknown fields as
// kube-apiserver does for structural schemas. Mutates the object (pruning),
// adds the paths it pruned to `pruned` and returns 422 causes.
import type { StatusCause } from '../api/status';
import { isPlainObject, type JsonObject, type KubeObject, text } from '../store/kube-object';

type Schema = JsonObject;

export function validateCustomObject(object: KubeObject, schema: unknown, pruned: string[] = []): StatusCause[] {
  if (!isPlainObject(schema)) return [];
  const causes: StatusCause[] = [];
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
    const child = properties[key];
    if (isPlainObject(child)) validateValue(value, child, key, causes, pruned);
    else if (schema['x-kubernetes-preserve-unknown-fields'] !== true) {
      delete object[key];
      pruned.push(key);
    }
  }
  checkRequired(object, schema, '', causes);
  return causes;
}

function typeMatches(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

function checkRequired(value: JsonObject, schema: Schema, path: string, causes: StatusCause[]): void {
  for (const name of Array.isArray(schema.required) ? schema.required : []) {
    if (value[String(name)] === undefined)
      causes.push({
        reason: 'FieldValueRequired',
        field: path ? `${path}.${String(name)}` : String(name),
        message: 'Required value',
      });
  }
}

function validateValue(value: unknown, schema: Schema, path: string, causes: StatusCause[], pruned: string[]): void {
  if (value === null && schema.nullable === true) return;
  if (schema['x-kubernetes-int-or-string'] === true) {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value)))
      causes.push({
        reason: 'FieldValueInvalid',
        field: path,
        message: `Invalid value: ${JSON.stringify(value)}: must be an integer or a string`,
      });
    return;
  }
  if (schema.type !== undefined && !typeMatches(value, schema.type)) {
    causes.push({
      reason: 'FieldValueTypeInvalid',
      field: path,
      message: `Invalid value: "${typeof value}": ${path} in body must be of type ${text(schema.type)}: "${typeof value}"`,
    });
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: path,
      message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${schema.enum.map((allowed) => JSON.stringify(allowed)).join(', ')}`,
    });
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      causes.push({
        reason: 'FieldValueInvalid',
        field: path,
        message: `Invalid value: ${value}: ${path} in body should be greater than or equal to ${schema.minimum}`,
      });
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      causes.push({
        reason: 'FieldValueInvalid',
        field: path,
        message: `Invalid value: ${value}: ${path} in body should be less than or equal to ${schema.maximum}`,
      });
  }
  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      causes.push({
        reason: 'FieldValueTooLong',
        field: path,
        message: `Too long: may not be longer than ${schema.maxLength}`,
      });
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      causes.push({
        reason: 'FieldValueInvalid',
        field: path,
        message: `Invalid value: "${value}": ${path} in body should match '${schema.pattern}'`,
      });
  }
  if (Array.isArray(value) && isPlainObject(schema.items)) {
    const items = schema.items;
    value.forEach((item, index) => validateValue(item, items, `${path}[${index}]`, causes, pruned));
  }
  if (isPlainObject(value)) {
    const properties = isPlainObject(schema.properties) ? schema.properties : undefined;
    const additional = schema.additionalProperties;
    for (const [childKey, child] of Object.entries(value)) {
      const childSchema = properties?.[childKey] ?? (isPlainObject(additional) ? additional : undefined);
      if (isPlainObject(childSchema)) validateValue(child, childSchema, `${path}.${childKey}`, causes, pruned);
      else if (properties && additional !== true && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
        delete value[childKey];
        pruned.push(`${path}.${childKey}`);
      }
    }
    checkRequired(value, schema, path, causes);
  }
}
