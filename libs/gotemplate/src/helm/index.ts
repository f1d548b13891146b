// Helm's layer over Sprig (helm.sh/helm/v3/pkg/engine): include, tpl, required,
// YAML/JSON/TOML conversions, an offline lookup, plus Helm's "<no value>"
// removal and error clean-up. Kept apart from the engine: ApplicationSets and
// notifications never see these functions.
import { TemplateError } from '../errors';
import { fn, GoError, type CallContext, type FuncMap } from '../exec/function';
import { goQuote } from '../values/quote';
import { sprigFunctions } from '../sprig';
import { dirPath } from '../sprig/misc';
import { marshalJson, unmarshalJson } from '../values/json';
import { marshalYaml } from '../values/yaml-emit';
import { unmarshalYaml } from '../values/yaml-parse';
import { isPlainMap, type GoMap } from '../values/types';
import { marshalToml } from './toml';

const ANY = 'interface {}';
const RECURSION_MAX = 1000;
/** Name of the root template Helm parses every file into; tpl runs under it. */
export const HELM_ROOT_NAME = 'gotpl';

const warnWrap = (warning: string): string => `HELM_ERR_START${warning}HELM_ERR_END`;

/** Per-render include counters, shared by include and tpl like Helm's includedNames. */
function includeFunction(counts: Map<string, number>): FuncMap[string] {
  return fn(
    ['string', ANY],
    ([name, data], context) => {
      const key = name as string;
      const count = counts.get(key);
      if (count !== undefined && count > RECURSION_MAX) {
        throw new GoError(`rendering template has a nested reference name: ${key}: unable to execute template`);
      }
      counts.set(key, (count ?? 0) + 1);
      try {
        return context.executeTemplate(key, data, HELM_ROOT_NAME);
      } finally {
        counts.set(key, counts.get(key)! - 1);
      }
    },
    { returnsError: true },
  );
}

function tplFunction(counts: Map<string, number>): FuncMap[string] {
  return fn(
    ['string', ANY],
    ([text, values], context: CallContext) => {
      const source = text as string;
      const extra: FuncMap = { include: includeFunction(counts), tpl: tplFunction(counts) };
      try {
        const output = context.executeText(
          HELM_ROOT_NAME,
          source,
          values,
          context.missingKey === 'error' ? 'error' : 'zero',
          extra,
        );
        return output.replaceAll('<no value>', '');
      } catch (error) {
        if (error instanceof TemplateError && error.code === 'TEMPLATE_PARSE_ERROR') {
          throw new GoError(`cannot parse template ${goQuote(source)}: ${error.message}`);
        }
        if (error instanceof TemplateError && error.code === 'TEMPLATE_EXEC_ERROR') {
          throw new GoError(`error during tpl function execution for ${goQuote(source)}: ${error.message}`);
        }
        throw error;
      }
    },
    { returnsError: true },
  );
}

function swallow<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch {
    return fallback;
  }
}

let staticHelmFunctions: FuncMap | null = null;

/** Helm's function map: Sprig without env/expandenv, plus Helm's own functions. */
export function helmFunctions(): FuncMap {
  staticHelmFunctions ??= buildStaticHelmFunctions();
  // include and tpl share per-render recursion counters, like Helm's includedNames.
  const counts = new Map<string, number>();
  return { ...staticHelmFunctions, include: includeFunction(counts), tpl: tplFunction(counts) };
}

function buildStaticHelmFunctions(): FuncMap {
  return {
    ...sprigFunctions({ omit: ['env', 'expandenv'] }),
    required: fn(
      ['string', ANY],
      ([warning, value]) => {
        if (value === null || value === undefined || value === '') throw new GoError(warnWrap(warning as string));
        return value;
      },
      { returnsError: true },
    ),
    toYaml: fn([ANY], ([value]) => swallow(() => marshalYaml(value).replace(/\n$/, ''), '')),
    fromYaml: fn(['string'], ([text]) => {
      try {
        const parsed = unmarshalYaml(text as string);
        if (parsed === null) return {};
        if (!isPlainMap(parsed))
          throw new Error(
            `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${describeJson(parsed)} into Go value of type map[string]interface {}`,
          );
        return parsed;
      } catch (error) {
        return { Error: error instanceof Error ? error.message : String(error) };
      }
    }),
    fromYamlArray: fn(['string'], ([text]) => {
      try {
        const parsed = unmarshalYaml(text as string);
        if (parsed === null) return [];
        if (!Array.isArray(parsed))
          throw new Error(
            `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${describeJson(parsed)} into Go value of type []interface {}`,
          );
        return parsed as unknown[];
      } catch (error) {
        return [error instanceof Error ? error.message : String(error)];
      }
    }),
    toJson: fn([ANY], ([value]) => swallow(() => marshalJson(value, { escapeHTML: true }), '')),
    fromJson: fn(['string'], ([text]) => {
      try {
        const parsed = unmarshalJson(text as string);
        if (parsed === null) return {};
        if (!isPlainMap(parsed))
          throw new Error(
            `json: cannot unmarshal ${describeJson(parsed)} into Go value of type map[string]interface {}`,
          );
        return parsed;
      } catch (error) {
        return { Error: error instanceof Error ? error.message : String(error) };
      }
    }),
    fromJsonArray: fn(['string'], ([text]) => {
      try {
        const parsed = unmarshalJson(text as string);
        if (parsed === null) return [];
        if (!Array.isArray(parsed))
          throw new Error(`json: cannot unmarshal ${describeJson(parsed)} into Go value of type []interface {}`);
        return parsed as unknown[];
      } catch (error) {
        return [error instanceof Error ? error.message : String(error)];
      }
    }),
    toToml: fn([ANY], ([value]) => {
      try {
        return marshalToml(value);
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    }),
    // Offline, as with `helm template`: every lookup finds nothing.
    lookup: fn(['string', 'string', 'string', 'string'], () => ({}), { returnsError: true }),
  };
}

function describeJson(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

/** Helm sets .Template for each file it renders. */
export function withHelmTemplateName(data: unknown, name: string): unknown {
  if (!isPlainMap(data)) return data;
  const template: GoMap = { Name: name, BasePath: dirPath(name) };
  return { ...data, Template: template };
}

/** Helm's cleanupParseError: "parse error at (LOCATION): MESSAGE". */
export function cleanupHelmParseError(name: string, error: TemplateError): TemplateError {
  const tokens = error.message.split(': ');
  const message =
    tokens.length === 1
      ? `parse error in (${name}): ${error.message}`
      : `parse error at (${tokens[1]!}): ${tokens[tokens.length - 1]!}`;
  return new TemplateError(message, error.code, error.templateName, error.line, error.column);
}

/** Helm's cleanupExecError: only required/fail-style errors are reworded. */
export function cleanupHelmExecError(error: TemplateError): TemplateError {
  if (error.code !== 'TEMPLATE_EXEC_ERROR') return error;
  const tokens = splitN(error.message, ': ', 3);
  if (tokens.length !== 3) return error;
  const match = /HELM_ERR_START(.*)HELM_ERR_END/.exec(tokens[2]!);
  if (match === null) return error;
  return new TemplateError(
    `execution error at (${tokens[1]!}): ${match[1]!}`,
    error.code,
    error.templateName,
    error.line,
    error.column,
  );
}

function splitN(text: string, separator: string, count: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < count - 1) {
    const at = rest.indexOf(separator);
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + separator.length);
  }
  parts.push(rest);
  return parts;
}
