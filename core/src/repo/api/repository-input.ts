// From the GraphQL input to what repository-secret-spec writes: only the
// fields the kind takes, empty strings dropped, the type checked. Pure.
import { type RepositoryType } from '../credentials/repository-config';
import { type RepositorySecretInput, type SecretKind } from '../credentials/repository-secret-spec';
import { type RepositoryInput } from './dto/repository.input';

const TYPES: readonly RepositoryType[] = ['git', 'helm', 'oci'];

export class RepositoryInputProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RepositoryInputProblem';
  }
}

const stringKeys = [
  'name',
  'project',
  'username',
  'password',
  'bearerToken',
  'sshPrivateKey',
  'tlsClientCertData',
  'tlsClientCertKey',
  'githubAppID',
  'githubAppInstallationID',
  'githubAppPrivateKey',
  'githubAppEnterpriseBaseUrl',
  'proxy',
  'noProxy',
] as const;
const booleanKeys = ['insecure', 'enableLfs', 'enableOCI', 'forceHttpBasicAuth'] as const;
/** What `argocd repocreds add` does not take. */
const repositoryOnly = new Set(['name', 'project', 'insecure', 'enableLfs']);

export function repositorySecretInput(kind: SecretKind, input: RepositoryInput): RepositorySecretInput {
  const url = input.url.trim();
  if (url === '') throw new RepositoryInputProblem('url is required');
  const problem = urlShapeProblem(url);
  if (problem) throw new RepositoryInputProblem(problem);
  const type = (input.type ?? 'git') as RepositoryType;
  if (!TYPES.includes(type)) throw new RepositoryInputProblem(`type must be git, helm or oci, not "${input.type}"`);
  if (input.password && !input.username) throw new RepositoryInputProblem('a password needs a username');
  const result: RepositorySecretInput = { url, type };
  for (const key of [...stringKeys, ...booleanKeys]) {
    const value = input[key];
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (kind === 'repo-creds' && repositoryOnly.has(key))
      throw new RepositoryInputProblem(`${key} applies to repositories, not credential templates`);
    (result as unknown as Record<string, unknown>)[key] = value;
  }
  return result;
}

/** Schemes a repository or credential-template URL may have (file:// is further limited by the egress policy). */
const SCHEMES = new Set(['https', 'http', 'ssh', 'git', 'oci', 'file']);

/**
 * A URL that no repository kind takes is refused before it is stored (BI-XSS-2:
 * `javascript://…` would otherwise be kept and shown by every client): a scheme
 * from the list, scp-like `user@host:path`, or an OCI `registry/path`; no
 * whitespace or control characters.
 */
export function urlShapeProblem(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\s\x00-\x1f\x7f]/.test(url)) return 'url must not contain spaces or control characters';
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined)
    return SCHEMES.has(scheme)
      ? undefined
      : `url scheme "${scheme}" is not one a repository uses: https, http, ssh, git, oci or file`;
  if (/^[\w.-]+@[\w.-]+:[^:]/.test(url) || /^[\w.-]+(:\d+)?\/[^:]+$/.test(url)) return undefined;
  return 'url must be https://…, ssh://…, git@host:path, oci://… or registry/path';
}
