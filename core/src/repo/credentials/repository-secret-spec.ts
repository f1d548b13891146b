// The Secret `driftless repo add` / `repocreds add` writes: the same shape and
// name Argo CD's CLI gives it (`repo-<fnv32a(url+project)>`,
// `creds-<fnv32a(url)>`), so either tool finds the other's. Pure.
import { SECRET_TYPE_LABEL } from './repository-secret';
import { credentialFields, type RepositoryCredentials, type RepositorySettings } from './repository-config';

export type SecretKind = 'repository' | 'repo-creds';

export interface RepositorySecretInput extends Partial<RepositorySettings>, RepositoryCredentials {
  url: string;
}

export interface RepositorySecretObject {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  type: 'Opaque';
  stringData: Record<string, string>;
}

/** 32-bit FNV-1a, as Go's hash/fnv New32a. */
export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Argo CD's RepoURLToSecretName. */
export function repositorySecretName(kind: SecretKind, url: string, project = ''): string {
  return `${kind === 'repository' ? 'repo' : 'creds'}-${fnv32a(url + project)}`;
}

const stringFields = ['name', 'project', ...credentialFields, 'proxy', 'noProxy'] as const;
const booleanFields = ['insecure', 'enableLfs', 'enableOCI', 'forceHttpBasicAuth', 'useAzureWorkloadIdentity'] as const;

export function repositorySecret(
  kind: SecretKind,
  namespace: string,
  input: RepositorySecretInput,
): RepositorySecretObject {
  const stringData: Record<string, string> = { url: input.url };
  if (input.type && input.type !== 'git') stringData.type = input.type;
  else if (kind === 'repository') stringData.type = 'git';
  for (const field of stringFields) {
    const value = input[field];
    if (typeof value === 'string' && value !== '') stringData[field] = value;
  }
  for (const field of booleanFields) if (input[field] === true) stringData[field] = 'true';
  if (input.depth !== undefined && input.depth > 0) stringData.depth = String(input.depth);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: repositorySecretName(kind, input.url, kind === 'repository' ? (input.project ?? '') : ''),
      namespace,
      labels: { [SECRET_TYPE_LABEL]: kind },
      annotations: { 'managed-by': 'argocd.argoproj.io' },
    },
    type: 'Opaque',
    stringData,
  };
}
