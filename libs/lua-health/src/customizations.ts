// Reads the health and action customizations of argocd-cm, in both forms Argo CD
// accepts: the per-key form (`resource.customizations.health.<group>_<kind>`,
// `.actions.<group>_<kind>`, `.useOpenLibs.<group>_<kind>`) and the older single
// `resource.customizations` YAML block. Per-key entries win over the block.
import { parse as parseYaml } from 'yaml';

export interface ResourceActionDefinition {
  name: string;
  actionLua: string;
}

export interface ResourceActionsConfig {
  discoveryLua: string;
  definitions: ResourceActionDefinition[];
  mergeBuiltinActions: boolean;
}

export interface ResourceOverride {
  healthLua?: string;
  useOpenLibs: boolean;
  /** Parsed actions, or the reason they could not be parsed. */
  actions?: ResourceActionsConfig | { error: string };
}

/** Keyed as Argo CD keys them: "group/Kind", or "Kind" for the core group; keys may be globs. */
export type ResourceOverrides = Map<string, ResourceOverride>;

export interface ParsedCustomizations {
  overrides: ResourceOverrides;
  /** Problems found while reading (bad YAML, bad booleans); each names its key. */
  warnings: string[];
}

const LEGACY_KEY = 'resource.customizations';
const PREFIX = 'resource.customizations.';

/** `data` is argocd-cm's `.data`; pass the whole ConfigMap through configMapData() first. */
export function parseResourceCustomizations(data: Readonly<Record<string, string>>): ParsedCustomizations {
  const overrides: ResourceOverrides = new Map();
  const warnings: string[] = [];
  const legacy = data[LEGACY_KEY];
  if (legacy !== undefined && legacy.trim() !== '') readLegacyBlock(legacy, overrides, warnings);
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(PREFIX)) continue;
    const rest = key.slice(PREFIX.length);
    const dot = rest.indexOf('.');
    if (dot <= 0) continue;
    const field = rest.slice(0, dot);
    const overrideKey = toOverrideKey(rest.slice(dot + 1));
    const override = overrides.get(overrideKey) ?? { useOpenLibs: false };
    if (field === 'health') override.healthLua = value;
    else if (field === 'actions') override.actions = parseActions(value, key);
    else if (field === 'useOpenLibs') {
      const parsed = parseBoolean(value);
      if (parsed === undefined) warnings.push(`${key}: "${value}" is not a boolean; useOpenLibs stays off`);
      else override.useOpenLibs = parsed;
    } else continue; // ignoreDifferences, knownTypeFields, … belong to other modules
    overrides.set(overrideKey, override);
  }
  return { overrides, warnings };
}

/** `.data` of an argocd-cm ConfigMap object (strings only). */
export function configMapData(configMap: unknown): Record<string, string> {
  const data = (configMap as { data?: unknown } | null)?.data;
  if (data === null || typeof data !== 'object') return {};
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') result[key] = value;
  }
  return result;
}

/** `argoproj.io_Application` → `argoproj.io/Application`; `ConfigMap` stays. */
export function toOverrideKey(groupKind: string): string {
  const separator = groupKind.indexOf('_');
  return separator === -1 ? groupKind : `${groupKind.slice(0, separator)}/${groupKind.slice(separator + 1)}`;
}

function readLegacyBlock(text: string, overrides: ResourceOverrides, warnings: string[]): void {
  let block: unknown;
  try {
    block = parseYaml(text);
  } catch (error) {
    warnings.push(`${LEGACY_KEY}: not valid YAML (${(error as Error).message})`);
    return;
  }
  if (block === null || typeof block !== 'object') return;
  for (const [key, entry] of Object.entries(block as Record<string, unknown>)) {
    if (entry === null || typeof entry !== 'object') continue;
    const fields = entry as Record<string, unknown>;
    const override: ResourceOverride = { useOpenLibs: fields['health.lua.useOpenLibs'] === true };
    if (typeof fields['health.lua'] === 'string') override.healthLua = fields['health.lua'];
    if (typeof fields.actions === 'string')
      override.actions = parseActions(fields.actions, `${LEGACY_KEY}["${key}"].actions`);
    overrides.set(key, override);
  }
}

function parseActions(text: string, where: string): ResourceActionsConfig | { error: string } {
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    return { error: `${where}: not valid YAML (${(error as Error).message})` };
  }
  const fields = (parsed ?? {}) as Record<string, unknown>;
  const definitions: ResourceActionDefinition[] = [];
  for (const definition of Array.isArray(fields.definitions) ? fields.definitions : []) {
    const item = (definition ?? {}) as Record<string, unknown>;
    if (typeof item.name === 'string' && typeof item['action.lua'] === 'string') {
      definitions.push({ name: item.name, actionLua: item['action.lua'] });
    }
  }
  return {
    discoveryLua: typeof fields['discovery.lua'] === 'string' ? fields['discovery.lua'] : '',
    definitions,
    mergeBuiltinActions: fields.mergeBuiltinActions === true,
  };
}

function parseBoolean(value: string): boolean | undefined {
  const normalized = value.trim();
  if (['true', 'True', 'TRUE', '1', 't', 'T'].includes(normalized)) return true;
  if (['false', 'False', 'FALSE', '0', 'f', 'F'].includes(normalized)) return false;
  return undefined;
}
