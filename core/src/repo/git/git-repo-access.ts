// Everything needed to reach one repository, and the connection derived from
// it: the parsed URL, the credentials that apply (userinfo moved out of the
// URL), the files git and ssh need, the values to scrub from messages, and a
// key that identifies the credentials without containing them.
import { createHash } from 'node:crypto';
import type { RepositoryConfig } from '../credentials/repository-config';
import type { ResolvedRepository } from '../credentials/resolve-credentials';
import type { CredentialFileContents } from './credential-files';
import { GitError } from './git-error';
import { basicAuthorization } from './git-environment';
import { parseGitUrl, type GitUrl } from './git-url';

export interface GitRepoAccess {
  /** https://, http://, ssh://, git@host:org/repo, git://, file:// */
  url: string;
  /** Undefined = anonymous. */
  credentials?: ResolvedRepository | RepositoryConfig;
  /** argocd-ssh-known-hosts-cm `ssh_known_hosts`. */
  knownHosts?: string;
  /** argocd-tls-certs-cm data: host → PEM CA bundle. */
  tlsCerts?: Record<string, string>;
}

export interface GitHubAppRequest {
  appId: string;
  installationId: string;
  privateKey: string;
  enterpriseBaseUrl: string | undefined;
}

export interface GitConnection {
  url: GitUrl;
  insecure: boolean;
  proxy?: string;
  noProxy?: string;
  depth?: number;
  enableLfs: boolean;
  /** Basic/Bearer for http(s); set later for GitHub Apps. */
  authorization?: string;
  githubApp?: GitHubAppRequest;
  files: CredentialFileContents;
  secrets: string[];
  /** sha256 over the credentials: safe to use in cache keys. */
  credentialKey: string;
}

export function connectionFor(access: GitRepoAccess, allowFileUrls: boolean): GitConnection {
  const url = parseGitUrl(access.url);
  if (url.transport === 'file' && !allowFileUrls) {
    throw new GitError(
      'FORBIDDEN_URL',
      `repository URL ${url.displayUrl} refused: local and file:// repositories are not allowed on this server`,
    );
  }
  const credentials = access.credentials;
  const web = url.transport === 'https' || url.transport === 'http';
  const username = credentials?.username ?? url.embeddedUsername;
  const password = credentials?.password ?? url.embeddedPassword;
  const connection: GitConnection = {
    url,
    insecure: credentials?.insecure === true,
    enableLfs: credentials?.enableLfs === true,
    files: {},
    secrets: [],
    credentialKey: '',
  };
  if (credentials?.proxy) connection.proxy = credentials.proxy;
  if (credentials?.noProxy) connection.noProxy = credentials.noProxy;
  if (credentials?.depth !== undefined && credentials.depth > 0) connection.depth = credentials.depth;

  if (web) {
    if (credentials?.bearerToken) {
      connection.authorization = `Bearer ${credentials.bearerToken}`;
    } else if (credentials?.githubAppPrivateKey && credentials.githubAppID && credentials.githubAppInstallationID) {
      connection.githubApp = {
        appId: credentials.githubAppID,
        installationId: credentials.githubAppInstallationID,
        privateKey: credentials.githubAppPrivateKey,
        enterpriseBaseUrl: credentials.githubAppEnterpriseBaseUrl,
      };
    } else if (username !== undefined || password !== undefined) {
      connection.authorization = basicAuthorization(username ?? '', password ?? '');
    }
    const ca = access.tlsCerts?.[url.port ? `${url.host}:${url.port}` : url.host] ?? access.tlsCerts?.[url.host];
    if (ca) connection.files.caBundle = ca;
    if (credentials?.tlsClientCertData && credentials.tlsClientCertKey) {
      connection.files.clientCert = credentials.tlsClientCertData;
      connection.files.clientKey = credentials.tlsClientCertKey;
    }
  }
  if (url.transport === 'ssh') {
    if (credentials?.sshPrivateKey) connection.files.sshKey = credentials.sshPrivateKey;
    if (access.knownHosts) connection.files.knownHosts = access.knownHosts;
  }
  connection.secrets = [
    password,
    credentials?.bearerToken,
    credentials?.sshPrivateKey,
    credentials?.tlsClientCertKey,
    credentials?.githubAppPrivateKey,
    credentials?.gcpServiceAccountKey,
    connection.authorization,
    connection.authorization?.replace(/^\S+ /, ''),
    connection.proxy,
  ].filter((value): value is string => typeof value === 'string' && value !== '');
  connection.credentialKey = createHash('sha256')
    .update(
      JSON.stringify([
        connection.authorization,
        connection.githubApp,
        connection.files,
        connection.insecure,
        connection.proxy,
        connection.noProxy,
      ]),
    )
    .digest('hex');
  return connection;
}

/** The Authorization value for a GitHub App installation token. */
export function githubTokenAuthorization(token: string): string {
  return basicAuthorization('x-access-token', token);
}
