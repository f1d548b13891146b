// Compiles the diff configuration once per (Application, argocd-cm) pair: the app's
// spec.ignoreDifferences plus argocd-cm `resource.customizations.ignoreDifferences.<group_kind>`,
// `.all`, the legacy monolithic `resource.customizations`, `resource.compareoptions` and
// `resource.sensitive.mask.annotations`. Compiling up front keeps YAML parsing and jq compilation
// out of the per-resource hot path, and rejects bad settings with a named error.
import type { ResourceIgnoreDifferences } from '@driftless/schema';
import { parse as parseYaml } from 'yaml';
import { DiffError } from './errors';
import { globMatch } from './glob';
import { compileJqDeletion, compileJqPaths, DEFAULT_JQ_STEP_LIMIT, type JqDeletion, type JqPaths } from './jq';
import { isJsonObject, type JsonValue } from './json';
import { parseJsonPointer } from './json-pointer';
import type { ResourceKey } from './resource-key';

export type IgnoreResourceStatusField = 'all' | 'crd' | 'none';

export interface IgnoreRule {
  group: string;
  kind: string;
  name: string;
  namespace: string;
  /** Where the rule came from, for error messages: `spec.ignoreDifferences[0]`, an argocd-cm key. */
  source: string;
  jsonPointers: string[][];
  jqPathExpressions: Array<{ expression: string; remove: JqDeletion; paths: JqPaths }>;
  managedFieldsManagers: string[];
}

/** `resource.customizations.knownTypeFields.<group_kind>`: a field of a custom resource that holds a built-in type. */
export interface KnownTypeField {
  group: string;
  kind: string;
  /** Field names from the object root, e.g. spec, template, spec. */
  field: string[];
  /** `core/v1/<Type>` (compared like built-in kinds), `core/Quantity` or `meta/v1/Duration`. */
  type: string;
}

export interface DiffConfig {
  ignoreRules: IgnoreRule[];
  knownTypeFields: KnownTypeField[];
  ignoreResourceStatusField: IgnoreResourceStatusField;
  ignoreAggregatedRoles: boolean;
  /** Annotation keys whose values are masked like Secret data. */
  maskedAnnotations: string[];
}

export interface DiffSettingsInput {
  /** The Application's spec.ignoreDifferences. */
  ignoreDifferences?: readonly ResourceIgnoreDifferences[];
  /** The data of the argocd-cm ConfigMap. */
  argocdCm?: Readonly<Record<string, string>>;
  /** Evaluation budget per jq expression and object (default 200,000 steps). */
  jqStepLimit?: number;
}

const IGNORE_PREFIX = 'resource.customizations.ignoreDifferences.';
const KNOWN_TYPES_PREFIX = 'resource.customizations.knownTypeFields.';

interface IgnoreFields {
  jsonPointers?: unknown;
  jqPathExpressions?: unknown;
  managedFieldsManagers?: unknown;
}

function stringList(value: unknown, field: string, source: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new DiffError('DIFF_INVALID_SETTINGS', `${source}: ${field} must be a list of strings`);
  }
  return value as string[];
}

function compileRule(
  selector: Pick<IgnoreRule, 'group' | 'kind' | 'name' | 'namespace' | 'source'>,
  fields: IgnoreFields,
  stepLimit: number,
): IgnoreRule {
  const { source } = selector;
  const wrap = <T>(what: string, work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof DiffError) throw new DiffError(error.code, `${source}: ${what}: ${error.message}`);
      throw error;
    }
  };
  return {
    ...selector,
    jsonPointers: stringList(fields.jsonPointers, 'jsonPointers', source).map((pointer) =>
      wrap(`jsonPointer ${pointer}`, () => parseJsonPointer(pointer)),
    ),
    jqPathExpressions: stringList(fields.jqPathExpressions, 'jqPathExpressions', source).map((expression) => ({
      expression,
      remove: wrap(`jqPathExpression ${expression}`, () => compileJqDeletion(expression, stepLimit)),
      paths: compileJqPaths(expression, stepLimit),
    })),
    managedFieldsManagers: stringList(fields.managedFieldsManagers, 'managedFieldsManagers', source),
  };
}

function parseYamlSetting(text: string, source: string): JsonValue {
  try {
    return parseYaml(text) as JsonValue;
  } catch (error) {
    throw new DiffError('DIFF_INVALID_SETTINGS', `${source} is not valid YAML: ${(error as Error).message}`);
  }
}

/** `apps_Deployment` → apps/Deployment, `Service` → core Service, `all` → every group and kind. */
function groupKindOfOverrideKey(key: string): { group: string; kind: string } {
  if (key === 'all') return { group: '*', kind: '*' };
  const separator = key.includes('/') ? '/' : '_';
  const at = key.indexOf(separator);
  return at < 0 ? { group: '', kind: key } : { group: key.slice(0, at), kind: key.slice(at + 1) };
}

function overrideRules(argocdCm: Readonly<Record<string, string>>, stepLimit: number): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  const add = (overrideKey: string, text: string, source: string): void => {
    const fields = parseYamlSetting(text, source);
    if (fields === null) return;
    if (!isJsonObject(fields)) throw new DiffError('DIFF_INVALID_SETTINGS', `${source} must be a YAML mapping`);
    rules.push(
      compileRule({ ...groupKindOfOverrideKey(overrideKey), name: '', namespace: '', source }, fields, stepLimit),
    );
  };
  for (const [key, value] of Object.entries(argocdCm)) {
    if (key.startsWith(IGNORE_PREFIX)) add(key.slice(IGNORE_PREFIX.length), value, `argocd-cm ${key}`);
  }
  const legacy = argocdCm['resource.customizations'];
  if (legacy) {
    const parsed = parseYamlSetting(legacy, 'argocd-cm resource.customizations');
    if (isJsonObject(parsed)) {
      for (const [groupKind, override] of Object.entries(parsed)) {
        if (isJsonObject(override) && typeof override.ignoreDifferences === 'string') {
          add(groupKind, override.ignoreDifferences, `argocd-cm resource.customizations ${groupKind}`);
        }
      }
    }
  }
  return rules;
}

function parseKnownTypeFields(text: string, overrideKey: string, source: string): KnownTypeField[] {
  const parsed = parseYamlSetting(text, source);
  if (parsed === null) return [];
  if (!Array.isArray(parsed))
    throw new DiffError('DIFF_INVALID_SETTINGS', `${source} must be a YAML list of {field, type}`);
  return parsed.map((entry, index) => {
    const field = isJsonObject(entry) ? entry.field : undefined;
    const type = isJsonObject(entry) ? entry.type : undefined;
    if (typeof field !== 'string' || field === '' || typeof type !== 'string') {
      throw new DiffError('DIFF_INVALID_SETTINGS', `${source}[${index}] needs a field and a type`);
    }
    if (!type.startsWith('core/v1/') && type !== 'core/Quantity' && type !== 'meta/v1/Duration') {
      throw new DiffError(
        'DIFF_INVALID_SETTINGS',
        `${source}[${index}]: type ${type} is not supported; use core/v1/<Type>, core/Quantity or meta/v1/Duration`,
      );
    }
    return { ...groupKindOfOverrideKey(overrideKey), field: field.split('.'), type };
  });
}

function knownTypeFields(argocdCm: Readonly<Record<string, string>>): KnownTypeField[] {
  const fields: KnownTypeField[] = [];
  for (const [key, value] of Object.entries(argocdCm)) {
    if (key.startsWith(KNOWN_TYPES_PREFIX)) {
      fields.push(...parseKnownTypeFields(value, key.slice(KNOWN_TYPES_PREFIX.length), `argocd-cm ${key}`));
    }
  }
  const legacy = argocdCm['resource.customizations'];
  const parsed = legacy ? parseYamlSetting(legacy, 'argocd-cm resource.customizations') : null;
  if (isJsonObject(parsed)) {
    for (const [groupKind, override] of Object.entries(parsed)) {
      if (isJsonObject(override) && Array.isArray(override.knownTypeFields)) {
        const source = `argocd-cm resource.customizations ${groupKind}.knownTypeFields`;
        fields.push(...parseKnownTypeFields(JSON.stringify(override.knownTypeFields), groupKind, source));
      }
    }
  }
  return fields;
}

function compareOptions(
  argocdCm: Readonly<Record<string, string>>,
): Pick<DiffConfig, 'ignoreResourceStatusField' | 'ignoreAggregatedRoles'> {
  const text = argocdCm['resource.compareoptions'];
  const parsed = text ? parseYamlSetting(text, 'argocd-cm resource.compareoptions') : null;
  const options = isJsonObject(parsed) ? parsed : {};
  const status = options.ignoreResourceStatusField;
  let ignoreResourceStatusField: IgnoreResourceStatusField = 'all';
  if (status === 'crd' || status === 'none' || status === 'all') ignoreResourceStatusField = status;
  else if (status === 'off') ignoreResourceStatusField = 'none';
  else if (status !== undefined && status !== null && status !== '') {
    throw new DiffError(
      'DIFF_INVALID_SETTINGS',
      `argocd-cm resource.compareoptions: ignoreResourceStatusField must be all, crd or none`,
    );
  }
  return { ignoreResourceStatusField, ignoreAggregatedRoles: options.ignoreAggregatedRoles === true };
}

export function compileDiffConfig(input: DiffSettingsInput = {}): DiffConfig {
  const stepLimit = input.jqStepLimit ?? DEFAULT_JQ_STEP_LIMIT;
  const argocdCm = input.argocdCm ?? {};
  const appRules = (input.ignoreDifferences ?? []).map((rule, index) =>
    compileRule(
      {
        group: rule.group ?? '',
        kind: rule.kind,
        name: rule.name ?? '',
        namespace: rule.namespace ?? '',
        source: `spec.ignoreDifferences[${index}]`,
      },
      rule,
      stepLimit,
    ),
  );
  const masked = argocdCm['resource.sensitive.mask.annotations'] ?? '';
  return {
    ignoreRules: [...appRules, ...overrideRules(argocdCm, stepLimit)],
    knownTypeFields: knownTypeFields(argocdCm),
    ...compareOptions(argocdCm),
    maskedAnnotations: masked
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  };
}

/** Argo CD's rule: group and kind are globs, name and namespace match exactly when set. */
export function matchingIgnoreRules(config: DiffConfig, key: ResourceKey): IgnoreRule[] {
  return config.ignoreRules.filter(
    (rule) =>
      globMatch(rule.group, key.group) &&
      globMatch(rule.kind, key.kind) &&
      (rule.name === '' || rule.name === key.name) &&
      (rule.namespace === '' || rule.namespace === key.namespace),
  );
}
