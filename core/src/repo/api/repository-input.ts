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
