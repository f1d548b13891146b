// Normalizations applied to desired, live and last-applied alike before they are compared
// (Argo CD's diff.Normalize plus its ignore and managed-fields normalizers). Every step is
// copy-on-write: the caller's objects are never modified.
import { base64EncodeUtf8 } from './base64';
import { DiffError } from './errors';
import { getIn, isJsonObject, removeIn, updateIn, type JsonObject, type JsonValue } from './json';
import { removePointer } from './json-pointer';
import { removeFieldPaths, type FieldPath } from './managed-fields';
import type { ResourceKey } from './resource-key';
import type { DiffConfig, IgnoreRule } from './settings';

/** metadata fields that only the API server writes. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

export function isSecret(key: ResourceKey): boolean {
  return key.group === '' && key.kind === 'Secret';
}

function stripServerFields(object: JsonObject, key: ResourceKey, config: DiffConfig): JsonObject {
  let result = object;
  const metadata = object.metadata;
  if (isJsonObject(metadata) && SERVER_METADATA.some((field) => field in metadata)) {
    const copy: JsonObject = { ...metadata };
    for (const field of SERVER_METADATA) delete copy[field];
    result = { ...result, metadata: copy };
  }
  const status = config.ignoreResourceStatusField;
  const isCrd = key.group === 'apiextensions.k8s.io' && key.kind === 'CustomResourceDefinition';
  if ('status' in result && (status === 'all' || (status === 'crd' && isCrd))) result = removeIn(result, ['status']);
  return result;
}

/** `stringData` is write-only: the API server merges it into `data` as base64. */
function normalizeSecret(object: JsonObject): JsonObject {
  const stringData = object.stringData;
  const data = object.data;
  const needsWork =
    stringData !== undefined || (isJsonObject(data) && Object.values(data).some((value) => value === null));
  if (!needsWork) return object;
  const merged: JsonObject = {};
  if (isJsonObject(data)) for (const [name, value] of Object.entries(data)) merged[name] = value ?? '';
  if (isJsonObject(stringData)) {
    for (const [name, value] of Object.entries(stringData)) {
      merged[name] = base64EncodeUtf8(typeof value === 'string' ? value : value === null ? '' : JSON.stringify(value));
    }
  }
  const result: JsonObject = { ...object, data: merged };
  delete result.stringData;
  return result;
}

/** With ignoreAggregatedRoles, the rules of an aggregated ClusterRole are the controller's business. */
function normalizeAggregatedRole(object: JsonObject, key: ResourceKey, config: DiffConfig): JsonObject {
  if (!config.ignoreAggregatedRoles || key.kind !== 'ClusterRole' || key.group !== 'rbac.authorization.k8s.io') {
    return object;
  }
  return object.aggregationRule !== undefined ? removeIn(object, ['rules']) : object;
}

/**
 * Applies ignore rules. A rule that fails at run time (a jq type error, the step budget) is
 * skipped, as Argo CD skips a failing patch, and reported in `warnings` instead of hiding it.
 */
function applyIgnoreRules(object: JsonObject, rules: readonly IgnoreRule[], warnings: Set<string>): JsonObject {
  let result = object;
  for (const rule of rules) {
    for (const pointer of rule.jsonPointers) result = removePointer(result, pointer);
    for (const { expression, remove } of rule.jqPathExpressions) {
      try {
        result = remove(result);
      } catch (error) {
        if (!(error instanceof DiffError)) throw error;
        warnings.add(`${rule.source}: jqPathExpression ${expression} was skipped: ${error.message}`);
      }
    }
  }
  return result;
}

export interface NormalizeContext {
  key: ResourceKey;
  config: DiffConfig;
  rules: readonly IgnoreRule[];
  ownedFields: readonly FieldPath[];
  warnings: Set<string>;
}

export function normalizeForDiff(object: JsonObject, context: NormalizeContext): JsonObject {
  const { key, config } = context;
  let result = stripServerFields(object, key, config);
  if (isSecret(key)) result = normalizeSecret(result);
  result = normalizeAggregatedRole(result, key, config);
  if (context.rules.length > 0) result = applyIgnoreRules(result, context.rules, context.warnings);
  if (context.ownedFields.length > 0) result = removeFieldPaths(result, context.ownedFields);
  return result;
}

export function setAnnotation(object: JsonObject, name: string, value: JsonValue): JsonObject {
  if (!isJsonObject(getIn(object, ['metadata', 'annotations']))) return object;
  return updateIn(object, ['metadata', 'annotations', name], () => value);
}
