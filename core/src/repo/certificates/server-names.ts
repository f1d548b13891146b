// Which repository server names certificates may be saved for — Argo CD's
// IsValidHostname: DNS names and IP addresses; for SSH also [host]:port, as
// known_hosts writes servers on another port. TLS names are ConfigMap keys,
// which cannot hold a colon, so IPv6 addresses and ports are refused there.
import { isIP } from 'node:net';
import { CertificateInputProblem } from './certificate-problem';

const LABEL = '([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
const HOSTNAME = new RegExp(`^(${LABEL}\\.)*${LABEL}\\.?$`);

const isHostName = (name: string): boolean => name.length <= 253 && HOSTNAME.test(name);

export function checkTlsServerName(name: string): void {
  if (!isHostName(name))
    throw new CertificateInputProblem(
      `invalid server name "${name}" for a TLS certificate: expected a host name or IPv4 address without port (e.g. git.example.com)`,
    );
}

export function checkSshServerName(where: string, name: string): void {
  const bracketed = /^\[(.+)\]:(\d{1,5})$/.exec(name);
  const host = bracketed?.[1] ?? name;
  if (bracketed && Number(bracketed[2]) > 65_535)
    throw new CertificateInputProblem(`${where}: invalid port in "${name}"`);
  if (!isHostName(host) && isIP(host) !== 6)
    throw new CertificateInputProblem(
      `${where}: invalid host "${name}" (expected a host name, an IP address or [host]:port)`,
    );
}

/** Argo CD's MatchHostName: a shell glob (* ? [...]) over the whole name; an empty pattern matches all. */
export function matchesHostPattern(name: string, pattern: string | undefined): boolean {
  if (!pattern) return true;
  return globToRegExp(pattern)?.test(name) ?? false;
}

function globToRegExp(pattern: string): RegExp | undefined {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] ?? '';
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const end = pattern.indexOf(']', index + 2);
      // A malformed class matches nothing, as filepath.Match's error does in Argo CD.
      if (end < 0) return undefined;
      const body = pattern.slice(index + 1, end);
      const negated = body.startsWith('^') || body.startsWith('!');
      const set = (negated ? body.slice(1) : body).replace(/[\\\]]/g, '\\$&');
      source += `[${negated ? '^' : ''}${set}]`;
      index = end;
    } else if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      source += escape(pattern[index] ?? '');
    } else source += escape(char);
  }
  return new RegExp(`^${source}$`, 's');
}

const escape = (char: string): string => char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
