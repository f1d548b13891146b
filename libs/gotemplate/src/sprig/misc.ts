// Sprig's reflection helpers, path functions (path and path/filepath on Linux)
// and URL helpers.
import { fn, GoError, type FuncMap } from '../exec/function';
import { goTypeName, isPlainMap, kindOf, type GoMap } from '../values/types';
import { deepEqual } from './lists';

const ANY = 'interface {}';

function kindName(value: unknown): string {
  if (value === undefined || value === null) return 'invalid';
  const kind = kindOf(value);
  if (kind === 'int' || kind === 'uint') return goTypeName(value);
  if (kind === 'float') return 'float64';
  return kind;
}

/** path.Clean. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

export function basePath(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function dirPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return cleanPath(path.slice(0, slash + 1));
}

function extension(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== '/'; i--) if (path[i] === '.') return path.slice(i);
  return '';
}

function stringField(dict: GoMap, key: string): string {
  if (!Object.hasOwn(dict, key)) return '';
  const value = dict[key];
  if (typeof value !== 'string') {
    throw new GoError(`unable to parse ${key} key, must be of type string, but ${kindName(value)} found`);
  }
  return value;
}

interface ParsedUrl {
  scheme: string;
  userinfo: string;
  host: string;
  path: string;
  query: string;
  fragment: string;
  opaque: string;
}

function parseUrl(text: string): ParsedUrl {
  const result: ParsedUrl = { scheme: '', userinfo: '', host: '', path: '', query: '', fragment: '', opaque: '' };
  let rest = text;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    result.fragment = decodeURIComponent(rest.slice(hash + 1));
    rest = rest.slice(0, hash);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (scheme) {
    result.scheme = scheme[1]!.toLowerCase();
    rest = rest.slice(scheme[0].length);
  } else if (/^[^/?]*:/.test(rest) && !rest.startsWith('/')) {
    throw new GoError(`unable to parse url: parse ${JSON.stringify(text)}: missing protocol scheme`);
  }
  const question = rest.indexOf('?');
  if (question >= 0) {
    result.query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  if (result.scheme !== '' && !rest.startsWith('/')) {
    result.opaque = rest;
    return result;
  }
  if (rest.startsWith('//')) {
    rest = rest.slice(2);
    const slash = rest.indexOf('/');
    let authority = slash >= 0 ? rest.slice(0, slash) : rest;
    rest = slash >= 0 ? rest.slice(slash) : '';
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      result.userinfo = authority.slice(0, at);
      authority = authority.slice(at + 1);
    }
    result.host = authority;
  }
  result.path = decodeURIComponent(rest);
  return result;
}

function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

function escapePath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-_.~/!$&'()*+,;=:@]/g, (char) =>
    [...new TextEncoder().encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

function joinUrl(dict: GoMap): string {
  const scheme = stringField(dict, 'scheme');
  const host = stringField(dict, 'host');
  const path = stringField(dict, 'path');
  const query = stringField(dict, 'query');
  const opaque = stringField(dict, 'opaque');
  const fragment = stringField(dict, 'fragment');
  const userinfo = stringField(dict, 'userinfo');
  let out = '';
  if (scheme !== '') out += `${scheme}:`;
  if (opaque !== '') out += opaque;
  else {
    if (scheme !== '' || host !== '' || userinfo !== '') {
      if (host !== '' || path !== '' || userinfo !== '') out += '//';
      if (userinfo !== '') out += `${userinfo}@`;
      out += host;
    }
    if (path !== '' && !path.startsWith('/') && host !== '') out += '/';
    out += escapePath(path);
  }
  if (query !== '') out += `?${query}`;
  if (fragment !== '') out += `#${escapePath(fragment)}`;
  return out;
}

export const miscFuncs: FuncMap = {
  typeOf: fn([ANY], ([value]) => goTypeName(value)),
  typeIs: fn(['string', ANY], ([target, value]) => target === goTypeName(value)),
  typeIsLike: fn(['string', ANY], ([target, value]) => {
    const type = goTypeName(value);
    return target === type || `*${target as string}` === type;
  }),
  kindOf: fn([ANY], ([value]) => kindName(value)),
  kindIs: fn(['string', ANY], ([target, value]) => target === kindName(value)),
  deepEqual: fn([ANY, ANY], ([a, b]) => deepEqual(a, b)),
  base: fn(['string'], ([path]) => basePath(path as string)),
  dir: fn(['string'], ([path]) => dirPath(path as string)),
  clean: fn(['string'], ([path]) => cleanPath(path as string)),
  ext: fn(['string'], ([path]) => extension(path as string)),
  isAbs: fn(['string'], ([path]) => (path as string).startsWith('/')),
  osBase: fn(['string'], ([path]) => basePath(path as string)),
  osDir: fn(['string'], ([path]) => dirPath(path as string)),
  osClean: fn(['string'], ([path]) => cleanPath(path as string)),
  osExt: fn(['string'], ([path]) => extension(path as string)),
  osIsAbs: fn(['string'], ([path]) => (path as string).startsWith('/')),
  urlParse: fn(['string'], ([text]) => {
    const parsed = parseUrl(text as string);
    return {
      scheme: parsed.scheme,
      host: parsed.host,
      hostname: hostname(parsed.host),
      path: parsed.path,
      query: parsed.query,
      opaque: parsed.opaque,
      fragment: parsed.fragment,
      userinfo: parsed.userinfo,
    };
  }),
  urlJoin: fn(['map[string]interface {}'], ([dict]) => joinUrl(isPlainMap(dict) ? dict : {})),
};
