// What a chart source needs from a repository's configuration: the
// Authorization header, the TLS settings for a host, and an identity for
// cache keys that is a hash, so no credential ever appears in clear.
import { createHash } from 'node:crypto';
import type { RepositoryConfig } from '../credentials/repository-config';
import type { ResolvedRepository } from '../credentials/resolve-credentials';
import type { TlsSettings } from './chart-http';
import { bypassesProxy } from './no-proxy';

export interface ChartRepoAccess {
  url: string;
  credentials?: RepositoryConfig | ResolvedRepository;
  /** argocd-tls-certs-cm: host name → PEM CA certificate(s). */
  tlsCerts?: Record<string, string>;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** Basic when a username or password is set, else Bearer with the token, else nothing. */
export function repositoryAuthorization(access: ChartRepoAccess): string | undefined {
  const credentials = access.credentials;
  if (!credentials) return undefined;
  if (credentials.username !== undefined || credentials.password !== undefined) {
    return basicAuthorization(credentials.username ?? '', credentials.password ?? '');
  }
  if (credentials.bearerToken) return `Bearer ${credentials.bearerToken}`;
  return undefined;
}

/**
 * TLS and proxy settings for `host`. argocd-tls-certs-cm is keyed by server name; `host:port` is looked up
 * first, then the bare host. The repository's proxy applies unless its noProxy list exempts the host.
 */
export function tlsSettings(access: ChartRepoAccess, host: string): TlsSettings {
  const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const ca = access.tlsCerts?.[host] ?? access.tlsCerts?.[hostname];
  const credentials = access.credentials;
  return {
    insecure: credentials?.insecure === true,
    ...(ca ? { ca } : {}),
    ...(credentials?.tlsClientCertData ? { cert: credentials.tlsClientCertData } : {}),
    ...(credentials?.tlsClientCertKey ? { key: credentials.tlsClientCertKey } : {}),
    ...(credentials?.proxy && !bypassesProxy(host, credentials.noProxy) ? { proxy: credentials.proxy } : {}),
  };
}

/** Distinguishes cached answers fetched with different credentials without holding them. */
export function credentialIdentity(access: ChartRepoAccess): string {
  const credentials = access.credentials;
  return createHash('sha256')
    .update(
      JSON.stringify([
        credentials?.username,
        credentials?.password,
        credentials?.bearerToken,
        credentials?.tlsClientCertData,
        credentials?.insecure,
      ]),
    )
    .digest('hex')
    .slice(0, 32);
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
