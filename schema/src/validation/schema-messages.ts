/** Turns ajv's errors into plain-English issues. */
import type { ErrorObject } from 'ajv';
import { type Path, parsePointer } from './json-path';
import { didYouMean } from './suggest';

export interface RawIssue {
  path: Path;
  message: string;
  severity: 'error' | 'warning';
}

/** Extra advice for a missing required property, keyed by `<parent property>.<missing property>`. */
const requiredHints: Record<string, string> = {
  'spec.destination':
    'add the cluster and namespace to deploy to, e.g. destination: {server: https://kubernetes.default.svc, namespace: my-app}',
  'spec.project': 'add the AppProject name, e.g. project: default',
  'source.repoURL': 'add the Git, Helm or OCI repository URL',
  'sources.repoURL': 'add the Git, Helm or OCI repository URL',
  'spec.generators': 'add at least one generator (list, clusters, git, …)',
  'spec.template': 'add the Application template the generators fill in',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'number':
      return Number.isInteger(value) ? `the number ${value}` : `the decimal number ${value}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

const typeNames: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true or false)',
  object: 'a mapping (key: value pairs)',
  array: 'a list',
  null: 'null',
};

function expectedType(type: unknown): string {
  const types = (Array.isArray(type) ? type : [type]).filter((name) => name !== 'null').map(String);
  return types.map((name) => typeNames[name] ?? name).join(' or ');
}

function typeHint(type: unknown, value: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('string') && typeof value === 'number') return `; quote it: "${value}"`;
  if (types.includes('string') && typeof value === 'boolean') {
    return '; YAML reads unquoted true/false/yes/no/on/off as booleans, so quote the value';
  }
  if (types.includes('array') && !Array.isArray(value)) return '; write it as a list, one "- item" per line';
  if (types.includes('boolean') && typeof value === 'string') return '; write true or false without quotes';
  if (types.includes('integer') && typeof value === 'string' && /^-?\d+$/.test(value)) {
    return `; remove the quotes: ${value}`;
  }
  return '';
}

function lastName(path: Path): string {
  for (let index = path.length - 1; index >= 0; index--) {
    const segment = path[index];
    if (typeof segment === 'string') return segment;
  }
  return '';
}

export function describeSchemaError(error: ErrorObject, document: unknown): RawIssue {
  const path = parsePointer(error.instancePath, document);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const hint = requiredHints[`${lastName(path)}.${missing}`];
      return {
        path,
        severity: 'error',
        message: `required property '${missing}' is missing${hint ? `; ${hint}` : ''}`,
      };
    }
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return {
        path: [...path, property],
        severity: 'error',
        message: `unknown property '${property}'${didYouMean(property, known)}; remove it or correct its name`,
      };
    }
    case 'type':
      return {
        path,
        severity: 'error',
        message: `expected ${expectedType(params.type)} but found ${describeValue(error.data)}${typeHint(params.type, error.data)}`,
      };
    case 'format':
      return { path, severity: 'error', message: describeFormat(String(params.format), error.data) };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((value) => `'${String(value)}'`).join(', ');
      const found = typeof error.data === 'string' ? `'${error.data}'` : describeValue(error.data);
      return { path, severity: 'error', message: `${found} is not an allowed value; use one of ${allowed}` };
    }
    default:
      return { path, severity: 'error', message: `${error.message ?? 'is invalid'} (${error.keyword})` };
  }
}

function describeFormat(format: string, value: unknown): string {
  switch (format) {
    case 'date-time':
      return `expected an RFC 3339 timestamp such as 2024-05-01T10:00:00Z but found ${describeValue(value)}`;
    case 'int32':
      return `${String(value)} does not fit in a 32-bit integer`;
    case 'int64':
      return `${String(value)} is not an integer JavaScript can hold exactly (beyond ±2^53)`;
    default:
      return `expected the ${format} format but found ${describeValue(value)}`;
  }
}
