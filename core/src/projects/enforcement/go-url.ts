// Go's url.Parse followed by URL.String(), the round trip inside Argo CD's NormalizeGitURL.
// Parse failures matter: Argo CD normalizes an unparsable URL to "" (see normalize-git-url.ts).
import { escape, unescape, validEncoded } from './go-url-escape';

interface GoUrl {
  scheme: string;
  opaque: string;
  user: { username: string; password: string | undefined } | undefined;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

type Parsed<T> = { value: T } | { error: string };

/** `parse → String()` as Go does it, or the reason Go's url.Parse rejects the text. */
export function goUrlRoundTrip(raw: string): Parsed<string> {
  const hash = raw.indexOf('#');
  const parsed = parseWithoutFragment(hash < 0 ? raw : raw.slice(0, hash));
  if ('error' in parsed) return parsed;
  const url = parsed.value;
  const fragment = hash < 0 ? '' : raw.slice(hash + 1);
  if (fragment !== '') {
    const unescaped = unescape(fragment, 'fragment');
    if ('error' in unescaped) return unescaped;
    url.fragment = unescaped.value;
    url.rawFragment = escape(unescaped.value, 'fragment') === fragment ? '' : fragment;
  }
  return { value: format(url) };
}

function parseWithoutFragment(raw: string): Parsed<GoUrl> {
  const url: GoUrl = {
    scheme: '',
    opaque: '',
    user: undefined,
    host: '',
    path: '',
    rawPath: '',
    omitHost: false,
    forceQuery: false,
    rawQuery: '',
    fragment: '',
    rawFragment: '',
  };
  // eslint-disable-next-line no-control-regex -- Go rejects exactly these bytes.
  if (/[\u0000-\u001f\u007f]/u.test(raw)) return { error: 'net/url: invalid control character in URL' };
  if (raw === '*') return { value: { ...url, path: '*' } };
  const scheme = splitScheme(raw);
  if ('error' in scheme) return scheme;
  url.scheme = scheme.value.scheme.toLowerCase();
  let rest = scheme.value.rest;
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else if (rest.includes('?')) {
    url.rawQuery = rest.slice(rest.indexOf('?') + 1);
    rest = rest.slice(0, rest.indexOf('?'));
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') return { value: { ...url, opaque: rest } };
    if ((rest.split('/')[0] ?? '').includes(':')) return { error: 'first path segment in URL cannot contain colon' };
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const parsed = parseAuthority(authority);
    if ('error' in parsed) return parsed;
    url.user = parsed.value.user;
    url.host = parsed.value.host;
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }
  const path = unescape(rest, 'path');
  if ('error' in path) return path;
  url.path = path.value;
  url.rawPath = escape(path.value, 'path') === rest ? '' : rest;
  return { value: url };
}

function splitScheme(raw: string): Parsed<{ scheme: string; rest: string }> {
  for (let index = 0; index < raw.length; index += 1) {
    const char = raw[index] as string;
    if (/[a-zA-Z]/u.test(char)) continue;
    if (/[0-9+\-.]/u.test(char)) {
      if (index === 0) break;
      continue;
    }
    if (char === ':') {
      if (index === 0) return { error: 'missing protocol scheme' };
      return { value: { scheme: raw.slice(0, index), rest: raw.slice(index + 1) } };
    }
    break;
  }
  return { value: { scheme: '', rest: raw } };
}

function parseAuthority(authority: string): Parsed<{ user: GoUrl['user']; host: string }> {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if ('error' in host) return host;
  if (at < 0) return { value: { user: undefined, host: host.value } };
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/u.test(userinfo)) return { error: 'net/url: invalid userinfo' };
  const colon = userinfo.indexOf(':');
  const username = unescape(colon < 0 ? userinfo : userinfo.slice(0, colon), 'userinfo');
  if ('error' in username) return username;
  if (colon < 0) return { value: { user: { username: username.value, password: undefined }, host: host.value } };
  const password = unescape(userinfo.slice(colon + 1), 'userinfo');
  if ('error' in password) return password;
  return { value: { user: { username: username.value, password: password.value }, host: host.value } };
}

function parseHost(host: string): Parsed<string> {
  let portStart = -1;
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return { error: "missing ']' in host" };
    portStart = close + 1;
  } else {
    portStart = host.lastIndexOf(':');
  }
  if (portStart >= 0) {
    const colonPort = host.slice(portStart);
    if (colonPort !== '' && !/^:[0-9]*$/u.test(colonPort)) {
      return { error: `invalid port ${JSON.stringify(colonPort)} after host` };
    }
  }
  return unescape(host, 'host');
}

function escapedPath(url: GoUrl): string {
  if (url.rawPath !== '' && validEncoded(url.rawPath, 'path')) {
    const unescaped = unescape(url.rawPath, 'path');
    if ('value' in unescaped && unescaped.value === url.path) return url.rawPath;
  }
  if (url.path === '*') return '*';
  return escape(url.path, 'path');
}

function escapedFragment(url: GoUrl): string {
  if (url.rawFragment !== '' && validEncoded(url.rawFragment, 'fragment')) {
    const unescaped = unescape(url.rawFragment, 'fragment');
    if ('value' in unescaped && unescaped.value === url.fragment) return url.rawFragment;
  }
  return escape(url.fragment, 'fragment');
}

function format(url: GoUrl): string {
  let out = url.scheme === '' ? '' : `${url.scheme}:`;
  if (url.opaque !== '') {
    out += url.opaque;
  } else {
    if ((url.scheme !== '' || url.host !== '' || url.user) && !(url.omitHost && url.host === '' && !url.user)) {
      if (url.host !== '' || url.path !== '' || url.user) out += '//';
      if (url.user) {
        out += escape(url.user.username, 'userinfo');
        if (url.user.password !== undefined) out += `:${escape(url.user.password, 'userinfo')}`;
        out += '@';
      }
      out += escape(url.host, 'host');
    }
    const path = escapedPath(url);
    if (path !== '' && !path.startsWith('/') && url.host !== '') out += '/';
    // A relative path whose first segment has a colon would read as a scheme.
    if (out === '' && (path.split('/')[0] ?? '').includes(':')) out += './';
    out += path;
  }
  if (url.forceQuery || url.rawQuery !== '') out += `?${url.rawQuery}`;
  if (url.fragment !== '') out += `#${escapedFragment(url)}`;
  return out;
}
