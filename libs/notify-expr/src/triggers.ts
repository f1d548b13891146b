// Triggers as argocd-notifications-cm holds them (`trigger.<name>`: a YAML list of
// `{when, send, description, oncePer}`), compiled once and run against an app's variables with
// notifications-engine's rules: `when` defaults to `false`; a condition fires only if it yields the
// bool true; an error counts as not fired (and is reported); `oncePer` is evaluated only when the
// condition fired and rendered with Go's `%v`; each condition is keyed `[<index>].<sha1(when)>`.
import { sha1 } from '@noble/hashes/legacy.js';
import { parse as parseYaml } from 'yaml';
import { compileExpression, type CompiledExpression } from './compile';
import { NotifyExprError, TriggerConfigError } from './errors';
import type { EvalBudget } from './interpreter';
import { formatValue, type ExprMap } from './values';

export interface TriggerCondition {
  when: string;
  send: string[];
  description?: string;
  oncePer?: string;
}

export interface CompiledCondition extends TriggerCondition {
  /** `[<index>].<base64url(sha1(when))>`, the key notifications-engine stores in the annotation. */
  key: string;
  whenExpression: CompiledExpression;
  oncePerExpression?: CompiledExpression;
}

export interface CompiledTrigger {
  name: string;
  conditions: CompiledCondition[];
}

export interface ConditionResult {
  key: string;
  triggered: boolean;
  templates: string[];
  /** Rendered oncePer value, or '' when the condition has none, did not fire, or oncePer failed. */
  oncePer: string;
}

export interface TriggerWarning {
  trigger: string;
  conditionKey: string;
  /** Which expression failed. */
  part: 'when' | 'oncePer';
  error: NotifyExprError;
}

export interface TriggerRun {
  results: ConditionResult[];
  warnings: TriggerWarning[];
}

const RAW_URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64.RawURLEncoding (no padding). */
function base64RawUrl(bytes: Uint8Array): string {
  let out = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = (bytes[index]! << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - index) * 8) / 6));
    for (let position = 0; position < chars; position += 1)
      out += RAW_URL_ALPHABET[(chunk >> (18 - position * 6)) & 63];
  }
  return out;
}

/** UTF-8 bytes of `text`, without TextEncoder (absent in bare isolates). */
function utf8Bytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return Uint8Array.from(bytes);
}

/** notifications-engine's condition hash: base64url(sha1(when)) without padding. */
export function conditionHash(when: string): string {
  return base64RawUrl(sha1(utf8Bytes(when)));
}

function stringList(trigger: string, index: number, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new TriggerConfigError(trigger, `condition [${index}].send must be a list of template names`);
  }
  return value as string[];
}

function optionalString(trigger: string, index: number, field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  // A bare YAML `when: true` is a bool; Argo CD's Go struct would reject it, we take its text.
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  throw new TriggerConfigError(trigger, `condition [${index}].${field} must be a string`);
}

/** Parses the YAML value of `trigger.<name>` into its conditions. */
export function parseTriggerYaml(name: string, text: string): TriggerCondition[] {
  let document: unknown;
  try {
    document = parseYaml(text, { maxAliasCount: 16 });
  } catch (error) {
    throw new TriggerConfigError(name, `not valid YAML: ${(error as Error).message}`);
  }
  if (document === null || document === undefined) return [];
  if (!Array.isArray(document)) throw new TriggerConfigError(name, 'must be a YAML list of conditions');
  return document.map((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new TriggerConfigError(name, `condition [${index}] must be a map with when/send/oncePer/description`);
    }
    const fields = entry as Record<string, unknown>;
    const description = optionalString(name, index, 'description', fields.description);
    const oncePer = optionalString(name, index, 'oncePer', fields.oncePer);
    return {
      when: optionalString(name, index, 'when', fields.when) ?? '',
      send: stringList(name, index, fields.send),
      ...(description !== undefined ? { description } : {}),
      ...(oncePer !== undefined ? { oncePer } : {}),
    };
  });
}

/** Compiles every expression of a trigger; throws TriggerConfigError naming the condition. */
export function compileTrigger(name: string, conditions: readonly TriggerCondition[]): CompiledTrigger {
  const compiled = conditions.map((condition, index): CompiledCondition => {
    const compile = (part: string, source: string): CompiledExpression => {
      try {
        return compileExpression(source);
      } catch (error) {
        throw new TriggerConfigError(name, `condition [${index}].${part}: ${(error as Error).message}`);
      }
    };
    const oncePer = condition.oncePer ?? '';
    return {
      ...condition,
      key: `[${index}].${conditionHash(condition.when)}`,
      whenExpression: compile('when', condition.when === '' ? 'false' : condition.when),
      ...(oncePer !== '' ? { oncePerExpression: compile('oncePer', oncePer) } : {}),
    };
  });
  return { name, conditions: compiled };
}

/** Parses and compiles every `trigger.<name>` key of argocd-notifications-cm's data. */
export function compileTriggersFromConfigMap(data: Readonly<Record<string, string>>): Map<string, CompiledTrigger> {
  const triggers = new Map<string, CompiledTrigger>();
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith('trigger.')) continue;
    const name = key.slice('trigger.'.length);
    triggers.set(name, compileTrigger(name, parseTriggerYaml(name, value)));
  }
  return triggers;
}

/** Evaluates each condition of `trigger` against `env`. Sequential; errors become warnings. */
export function runTrigger(trigger: CompiledTrigger, env: ExprMap, budget?: Partial<EvalBudget>): TriggerRun {
  const options = budget ? { budget } : {};
  const warnings: TriggerWarning[] = [];
  const results = trigger.conditions.map((condition): ConditionResult => {
    const result: ConditionResult = { key: condition.key, triggered: false, templates: condition.send, oncePer: '' };
    try {
      result.triggered = condition.whenExpression.evaluate(env, options) === true;
    } catch (error) {
      if (!(error instanceof NotifyExprError)) throw error;
      warnings.push({ trigger: trigger.name, conditionKey: condition.key, part: 'when', error });
    }
    if (result.triggered && condition.oncePerExpression) {
      try {
        result.oncePer = formatValue(condition.oncePerExpression.evaluate(env, options));
      } catch (error) {
        if (!(error instanceof NotifyExprError)) throw error;
        warnings.push({ trigger: trigger.name, conditionKey: condition.key, part: 'oncePer', error });
      }
    }
    return result;
  });
  return { results, warnings };
}
