// Argo CD's ApplicationSet function set: Sprig without env, expandenv and
// getHostByName, plus normalize, slugify, toYaml, fromYaml and fromYamlArray
// (argo-cd applicationset/utils). Unlike Helm's, these YAML helpers return errors.
import { fn, GoError, type FuncMap } from '../exec/function';
import { integerValue, isPlainMap } from '../values/types';
import { marshalYaml } from '../values/yaml-emit';
import { unmarshalYaml } from '../values/yaml-parse';
import { sprigFunctions } from './index';

const MAX_DNS_NAME_LENGTH = 253;

/** Argo CD's SanitizeName: lower-case DNS subdomain characters, at most 253, trimmed of "-" and ".". */
export function sanitizeName(name: string): string {
  let sanitized = name.toLowerCase().replace(/[^-a-z0-9.]/g, '-');
  if (sanitized.length > MAX_DNS_NAME_LENGTH) sanitized = sanitized.slice(0, MAX_DNS_NAME_LENGTH);
  return sanitized.replace(/^[-.]+|[-.]+$/g, '');
}

/** gosimple/slug's Make on an already sanitized (ASCII) name, with its smart truncation. */
export function slugifyName(name: string, maxLength = 50, smartTruncate = true): string {
  let slug = sanitizeName(name)
    .replace(/[^a-zA-Z0-9\-_]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  if (maxLength > 0 && slug.length > maxLength) {
    if (!smartTruncate) return slug.slice(0, maxLength);
    for (let i = maxLength; i >= 0; i--) {
      if (slug[i] === '-') return slug.slice(0, i);
    }
    slug = slug.slice(0, maxLength);
  }
  return slug;
}

function slugify(args: unknown[]): string {
  let maxLength = 50;
  let smartTruncate = true;
  let name = '';
  args.forEach((arg, index) => {
    if (index === args.length - 1) {
      if (typeof arg !== 'string')
        throw new GoError(`interface conversion: interface {} is ${describe(arg)}, not string`);
      name = arg;
    } else if (index === 0) {
      const size = integerValue(arg);
      if (typeof arg !== 'bigint' || size === undefined) {
        throw new GoError(`interface conversion: interface {} is ${describe(arg)}, not int`);
      }
      maxLength = Number(size);
    } else if (index === 1) {
      if (typeof arg !== 'boolean')
        throw new GoError(`interface conversion: interface {} is ${describe(arg)}, not bool`);
      smartTruncate = arg;
    }
  });
  return slugifyName(name, maxLength, smartTruncate);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  return Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}';
}

export function applicationSetFunctions(): FuncMap {
  return {
    ...sprigFunctions({ omit: ['env', 'expandenv', 'getHostByName'] }),
    normalize: fn(['string'], ([name]) => sanitizeName(name as string)),
    slugify: fn([], (args) => slugify(args), { variadic: 'interface {}' }),
    toYaml: fn(['interface {}'], ([value]) => marshalYaml(value).replace(/\n$/, ''), { returnsError: true }),
    fromYaml: fn(
      ['string'],
      ([text]) => {
        const parsed = unmarshalYaml(text as string);
        if (parsed === null) return {};
        if (!isPlainMap(parsed))
          throw new GoError(
            'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
          );
        return parsed;
      },
      { returnsError: true },
    ),
    fromYamlArray: fn(
      ['string'],
      ([text]) => {
        const parsed = unmarshalYaml(text as string);
        if (parsed === null) return [];
        if (!Array.isArray(parsed))
          throw new GoError(
            'error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}',
          );
        return parsed as unknown[];
      },
      { returnsError: true },
    ),
  };
}
