// Parses repository and repo-creds Secrets into configs. A bad Secret is
// reported by name and field — never with a value — and skipped, so one
// broken Secret does not hide the others.
import { secretValues } from '../../kube/secret-values';
import {
  credentialFields,
  type CredentialTemplate,
  type RepositoryConfig,
  type RepositoryType,
} from './repository-config';

export const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

export interface SecretLike {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export interface ParsedRepositorySecrets {
  repositories: RepositoryConfig[];
  templates: CredentialTemplate[];
  /** One line per Secret that was skipped: which Secret, which field, how to fix it. */
  problems: string[];
}

const booleanFields = ['insecure', 'enableLfs', 'enableOCI', 'forceHttpBasicAuth', 'useAzureWorkloadIdentity'] as const;
const repositoryTypes: readonly RepositoryType[] = ['git', 'helm', 'oci'];

function parseOne(secret: SecretLike): Omit<RepositoryConfig, 'source'> {
  const values = secretValues(secret);
  const url = values.url?.trim();
  if (!url) throw new Error(`has no "url" — add the repository URL under data.url`);
  const type = (values.type?.trim() || 'git') as RepositoryType;
  if (!repositoryTypes.includes(type)) throw new Error(`has type "${type}" — use git, helm or oci`);
  const config: Omit<RepositoryConfig, 'source'> = { url, type };
  for (const field of credentialFields) {
    const value = values[field];
    if (value !== undefined && value !== '') config[field] = value;
  }
  for (const field of booleanFields) {
    const value = values[field]?.trim().toLowerCase();
    if (value === undefined || value === '') continue;
    if (value !== 'true' && value !== 'false')
      throw new Error(`has ${field}="${values[field] ?? ''}" — use true or false`);
    config[field] = value === 'true';
  }
  for (const field of ['name', 'project', 'proxy', 'noProxy'] as const) {
    const value = values[field]?.trim();
    if (value) config[field] = value;
  }
  if (values.depth !== undefined && values.depth !== '') {
    const depth = Number(values.depth);
    if (!Number.isInteger(depth) || depth < 0)
      throw new Error(`has depth="${values.depth}" — use a whole number (0 = full history)`);
    config.depth = depth;
  }
  return config;
}

export function parseRepositorySecrets(secrets: readonly SecretLike[]): ParsedRepositorySecrets {
  const result: ParsedRepositorySecrets = { repositories: [], templates: [], problems: [] };
  for (const secret of secrets) {
    const kind = secret.metadata?.labels?.[SECRET_TYPE_LABEL];
    if (kind !== 'repository' && kind !== 'repo-creds') continue;
    const source = `${secret.metadata?.namespace ?? ''}/${secret.metadata?.name ?? ''}`;
    try {
      const config = { ...parseOne(secret), source };
      if (kind === 'repository') result.repositories.push(config);
      else result.templates.push(config);
    } catch (error) {
      result.problems.push(`${kind} Secret ${source} ${(error as Error).message}`);
    }
  }
  return result;
}
