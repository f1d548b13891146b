// Which transport a repository URL uses, the form git is given (no password,
// no HTTP userinfo), the form messages show, and relative submodule URLs.
// Anything git would treat as a transport helper (`ext::`, `fd::`) or as an
// option (a leading "-") is refused here, before git ever sees it.
import { GitError } from './git-error';
import { normalizeRepoUrl } from '../credentials/repository-url';
import { redactUrlCredentials } from '../../logging/redaction';

export type GitTransport = 'https' | 'http' | 'ssh' | 'git' | 'file';

export interface GitUrl {
  transport: GitTransport;
  /** What git is given. */
  transportUrl: string;
  /** For messages and logs: no password, no HTTP username. */
  displayUrl: string;
  /** Lower-case host ("" for local repositories). */
  host: string;
  port: number | undefined;
  /** One bare mirror per key (Argo CD's URL normalisation). */
  mirrorKey: string;
  /** Userinfo found in an http(s) URL: moved into credentials, never passed in the URL. */
  embeddedUsername?: string;
  embeddedPassword?: string;
}

const schemes: Record<string, GitTransport> = {
  https: 'https',
  http: 'http',
  ssh: 'ssh',
  'git+ssh': 'ssh',
  'ssh+git': 'ssh',
  git: 'git',
  file: 'file',
};

function forbidden(reason: string, url?: string): GitError {
  const shown = url === undefined ? '' : ` ${showable(url)}`;
  return new GitError('FORBIDDEN_URL', `repository URL${shown} refused: ${reason}`);
}

/** A refused URL as messages may show it: no userinfo, printable, short. */
function showable(url: string): string {
  const text = redactUrlCredentials(url).replace(/[^\x21-\x7e]/g, '?');
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}...` : text);
}

export function parseGitUrl(raw: string): GitUrl {
  const url = raw.trim();
  if (url === '') throw forbidden('the URL is empty; set spec.source.repoURL', url);
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(url)) throw forbidden('it contains white space or control characters', url);
  if (url.startsWith('-')) throw forbidden('it starts with "-"', url);
  if (/^[a-z][a-z0-9+.-]*::/i.test(url))
    throw forbidden('git transport helpers ("<transport>::") are not allowed', url);

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) return parseSchemeUrl(url, scheme);

  const scp = /^(?:([^@/:]+)@)?([^/:]+):(.*)$/.exec(url);
  if (scp && !url.slice(url.indexOf(':') + 1).startsWith('//')) {
    const host = (scp[2] ?? '').toLowerCase();
    if (host.startsWith('-')) throw forbidden('the host starts with "-"', url);
    return {
      transport: 'ssh',
      transportUrl: url,
      displayUrl: url,
      host,
      port: undefined,
      mirrorKey: normalizeRepoUrl(url),
    };
  }
  // A local path: git treats it like file://.
  return {
    transport: 'file',
    transportUrl: url,
    displayUrl: url,
    host: '',
    port: undefined,
    mirrorKey: normalizeRepoUrl(url),
  };
}

function parseSchemeUrl(url: string, scheme: string): GitUrl {
  const transport = schemes[scheme];
  if (!transport)
    throw forbidden(`the scheme "${scheme}" is not a git transport (use https, http, ssh, git or file)`, url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw forbidden('it is not a valid URL', url);
  }
  const host = parsed.hostname.toLowerCase();
  if (transport !== 'file' && host === '') throw forbidden('it has no host', url);
  if (host.startsWith('-')) throw forbidden('the host starts with "-"', url);
  const port = parsed.port === '' ? undefined : Number(parsed.port);
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  if (transport !== 'ssh') parsed.username = '';
  const transportUrl = parsed.toString();
  const display = new URL(transportUrl);
  display.username = transport === 'ssh' ? display.username : '';
  const result: GitUrl = {
    transport,
    transportUrl,
    displayUrl: display.toString(),
    host,
    port,
    mirrorKey: normalizeRepoUrl(transportUrl),
  };
  if (transport === 'https' || transport === 'http') {
    if (username !== '') result.embeddedUsername = username;
    if (password !== '') result.embeddedPassword = password;
  }
  return result;
}

/** Resolves a `.gitmodules` URL; "./" and "../" are relative to the superproject's URL, as git does. */
export function resolveSubmoduleUrl(parentUrl: string, submoduleUrl: string): string {
  if (!submoduleUrl.startsWith('./') && !submoduleUrl.startsWith('../')) return submoduleUrl;
  const parent = parentUrl.replace(/\/+$/, '');
  const scheme = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i.exec(parent);
  if (scheme) return `${scheme[1] ?? ''}${joinRelative(scheme[2] ?? '/', submoduleUrl, true)}`;
  const scp = /^((?:[^@/:]+@)?[^/:]+:)(.*)$/.exec(parent);
  if (scp) return `${scp[1] ?? ''}${joinRelative(scp[2] ?? '', submoduleUrl, false)}`;
  return joinRelative(parent, submoduleUrl, parent.startsWith('/'));
}

function joinRelative(base: string, relative: string, absolute: boolean): string {
  const segments = base.split('/').filter((segment) => segment !== '' && segment !== '.');
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    else if (segments.pop() === undefined) {
      throw forbidden(`the submodule URL "${relative}" climbs above the superproject's repository root`);
    }
  }
  return `${absolute ? '/' : ''}${segments.join('/')}`;
}
