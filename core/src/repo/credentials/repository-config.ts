// Repositories and credential templates as Argo CD reads them from Secrets
// labelled argocd.argoproj.io/secret-type: repository | repo-creds.

export type RepositoryType = 'git' | 'helm' | 'oci';

/** The credential fields a repository or a template may carry. Values never leave the kernel. */
export interface RepositoryCredentials {
  username?: string;
  password?: string;
  bearerToken?: string;
  sshPrivateKey?: string;
  tlsClientCertData?: string;
  tlsClientCertKey?: string;
  githubAppPrivateKey?: string;
  githubAppID?: string;
  githubAppInstallationID?: string;
  githubAppEnterpriseBaseUrl?: string;
  gcpServiceAccountKey?: string;
}

/** Settings that are not secrets. */
export interface RepositorySettings {
  type: RepositoryType;
  name?: string;
  project?: string;
  insecure?: boolean;
  enableLfs?: boolean;
  enableOCI?: boolean;
  forceHttpBasicAuth?: boolean;
  useAzureWorkloadIdentity?: boolean;
  proxy?: string;
  noProxy?: string;
  depth?: number;
}

export interface RepositoryConfig extends RepositorySettings, RepositoryCredentials {
  url: string;
  /** namespace/name of the Secret it came from, for messages. */
  source: string;
}

/** A repo-creds Secret: its URL is a prefix that the credentials apply to. */
export interface CredentialTemplate extends RepositorySettings, RepositoryCredentials {
  url: string;
  source: string;
}

export const credentialFields = [
  'username',
  'password',
  'bearerToken',
  'sshPrivateKey',
  'tlsClientCertData',
  'tlsClientCertKey',
  'githubAppPrivateKey',
  'githubAppID',
  'githubAppInstallationID',
  'githubAppEnterpriseBaseUrl',
  'gcpServiceAccountKey',
] as const satisfies readonly (keyof RepositoryCredentials)[];

/** Fields that are secret: never logged, returned by the API or put into cache keys. */
export const secretFields = [
  'password',
  'bearerToken',
  'sshPrivateKey',
  'tlsClientCertKey',
  'githubAppPrivateKey',
  'gcpServiceAccountKey',
] as const satisfies readonly (keyof RepositoryCredentials)[];
