// YAML input as sigs.k8s.io/yaml reads it: go-yaml v2's YAML 1.1 scalars
// (yes/no/on/off booleans, 0755 octal, underscores in numbers), then a JSON
// round trip, so every number becomes a float64 and keys are strings.
import yaml from 'js-yaml';
import { fitsInt64, fitsUint64, parseGoInteger } from '../parse/literals';
import { formatFloat } from './float';
import { putKey } from './types';

const yamlNull = new yaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: unknown) => data === null || (typeof data === 'string' && /^(|~|null|Null|NULL)$/.test(data)),
  construct: () => null,
  predicate: (value: unknown) => value === null,
});

const yaml11Bool = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) =>
    typeof data === 'string' &&
    /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(data),
  construct: (data: string) => /^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(data),
  predicate: (value: unknown) => typeof value === 'boolean',
  represent: (value: unknown) => String(value),
});

function yaml11Integer(data: string): bigint | null {
  if (!/^[-+0-9]/.test(data)) return null;
  const value = parseGoInteger(data.replaceAll('_', ''));
  return value !== null && (fitsInt64(value) || fitsUint64(value)) ? value : null;
}

const yaml11Int = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && yaml11Integer(data) !== null,
  construct: (data: string) => Number(yaml11Integer(data)),
});

const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
};

function yaml11Float(data: string): number | null {
  if (Object.hasOwn(SPECIAL_FLOATS, data)) return SPECIAL_FLOATS[data]!;
  const plain = data.startsWith('.') ? data : data.replaceAll('_', '');
  return /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain) ? Number(plain) : null;
}

const yaml11Float64 = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && yaml11Float(data) !== null,
  construct: (data: string) => yaml11Float(data),
});

const schema = yaml.FAILSAFE_SCHEMA.extend({ implicit: [yamlNull, yaml11Bool, yaml11Int, yaml11Float64] });

class UnsupportedValue extends Error {}

function toJsonModel(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnsupportedValue(`json: unsupported value: ${formatFloat(value, 'g', -1)}`);
    return value;
  }
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonModel);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) putKey(out, key, toJsonModel(item));
    return out;
  }
  return null;
}

/** yaml.Unmarshal of one document into interface{}; throws with a go-yaml-like message. */
export function unmarshalYaml(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = yaml.load(text, { schema, json: true });
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    const line = error instanceof yaml.YAMLException ? error.mark.line + 1 : 1;
    throw new Error(`error converting YAML to JSON: yaml: line ${line}: ${reason}`);
  }
  try {
    return toJsonModel(parsed);
  } catch (error) {
    if (error instanceof UnsupportedValue) throw new Error(`error converting YAML to JSON: ${error.message}`);
    throw error;
  }
}
