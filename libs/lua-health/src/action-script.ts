// Runs Argo CD resource actions: discovery.lua lists the actions an object
// offers; action.lua returns either the modified object (an implied patch) or a
// list of `{ operation = "create" | "patch", resource = {...} }`.
import { lua, type LuaState } from 'fengari';
import { LuaScriptError } from './errors';
import { luaTypeName } from './health-script';
import type { LuaScript } from './lua-sandbox';
import { readLuaValue, type JsonValue } from './lua-values';

export interface ResourceActionParam {
  name: string;
  type?: string;
  default?: string;
}

export interface ResourceAction {
  name: string;
  disabled: boolean;
  iconClass?: string;
  displayName?: string;
  params?: ResourceActionParam[];
}

export type ImpactedOperation = 'create' | 'patch';

export interface ImpactedResource {
  operation: ImpactedOperation;
  resource: Record<string, JsonValue>;
}

type JsonObject = Record<string, JsonValue>;

/** Runs discovery.lua; actions come back sorted by name. */
export function runActionDiscovery(script: LuaScript, obj: unknown): ResourceAction[] {
  const value = script.run({ obj }, (L) => readTableResult(L));
  if (Array.isArray(value)) return []; // `return {}`: no actions
  const actions = Object.entries(value).map(([name, definition]) => toResourceAction(name, definition));
  return actions.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
}

function toResourceAction(name: string, definition: JsonValue): ResourceAction {
  const action: ResourceAction = { name, disabled: false };
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) return action;
  if (typeof definition.disabled === 'boolean') action.disabled = definition.disabled;
  if (typeof definition.iconClass === 'string') action.iconClass = definition.iconClass;
  if (typeof definition.displayName === 'string') action.displayName = definition.displayName;
  if (Array.isArray(definition.params)) {
    action.params = definition.params.flatMap((param) => {
      if (param === null || typeof param !== 'object' || Array.isArray(param) || typeof param.name !== 'string') {
        return [];
      }
      const parsed: ResourceActionParam = { name: param.name };
      if (typeof param.type === 'string') parsed.type = param.type;
      if (typeof param.default === 'string') parsed.default = param.default;
      return [parsed];
    });
  }
  return action;
}

/**
 * Runs action.lua with `obj` and `actionParams` (name → value). An object result
 * is a patch of `obj`; a list result names each resource's operation.
 */
export function runResourceAction(
  script: LuaScript,
  obj: JsonObject,
  actionParams: Record<string, string> = {},
): ImpactedResource[] {
  const value = script.run({ obj, actionParams }, (L) => readTableResult(L));
  const impacted = Array.isArray(value)
    ? value.map(toImpactedResource)
    : [{ operation: 'patch' as const, resource: value }];
  for (const item of impacted) {
    if (item.operation === 'patch') item.resource = restoreEmptyMaps(item.resource, obj);
  }
  return impacted;
}

function toImpactedResource(item: JsonValue, index: number): ImpactedResource {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw new LuaScriptError(
      'LUA_RESULT',
      `Lua action result item ${index + 1} must be a table with operation and resource`,
    );
  }
  const { operation, resource } = item;
  if (operation !== 'create' && operation !== 'patch') {
    throw new LuaScriptError(
      'LUA_RESULT',
      `unsupported operation ${JSON.stringify(operation ?? null)} in Lua action result item ${index + 1}: only create and patch are supported`,
    );
  }
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
    throw new LuaScriptError('LUA_RESULT', `Lua action result item ${index + 1} has no resource object`);
  }
  return { operation, resource };
}

function readTableResult(L: LuaState): JsonObject | JsonValue[] {
  const type = lua.lua_type(L, -1);
  if (type !== lua.LUA_TTABLE) {
    throw new LuaScriptError('LUA_RESULT', `expect table output from Lua script, not ${luaTypeName(type)}`);
  }
  const value = readLuaValue(L, -1);
  return value as JsonObject | JsonValue[];
}

/**
 * Lua cannot tell an empty map from an empty array, and empty tables come back
 * as []. Where the original object had a map, an empty array is turned back
 * into that map, so an action does not rewrite `{}` fields as `[]`.
 */
export function restoreEmptyMaps(updated: JsonObject, original: JsonObject): JsonObject {
  for (const [key, before] of Object.entries(original)) {
    const after = updated[key];
    if (after === undefined || before === null || typeof before !== 'object') continue;
    if (Array.isArray(after)) {
      if (!Array.isArray(before)) {
        if (after.length === 0) updated[key] = before;
      } else {
        updated[key] = restoreInArray(after, before);
      }
    } else if (after !== null && typeof after === 'object' && !Array.isArray(before)) {
      updated[key] = restoreEmptyMaps(after, before);
    }
  }
  return updated;
}

function restoreInArray(updated: JsonValue[], original: JsonValue[]): JsonValue[] {
  for (let index = 0; index < updated.length; index += 1) {
    const after = updated[index];
    const before = original[index];
    if (after === null || before === null || after === undefined || before === undefined) continue;
    if (typeof after !== 'object' || typeof before !== 'object') continue;
    if (Array.isArray(after) && Array.isArray(before)) updated[index] = restoreInArray(after, before);
    else if (!Array.isArray(after) && !Array.isArray(before)) updated[index] = restoreEmptyMaps(after, before);
  }
  return updated;
}
