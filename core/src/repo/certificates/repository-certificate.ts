// Argo CD's RepositoryCertificate and the query that selects them
// (server/certificate): what the API and `driftless cert` exchange.

export type CertType = 'https' | 'ssh';

export interface RepositoryCertificate {
  serverName: string;
  certType: CertType;
  /** SSH: the key type (ssh-ed25519, …); TLS: the public key algorithm (rsa, ecdsa, …), "invalid" when unreadable. */
  certSubType: string;
  /** SSH: SHA256 fingerprint; TLS: the certificate's subject. */
  certInfo: string;
  /** Public material only: the base64 host key or the PEM certificate; null in lists, as Argo CD's. */
  certData: string | null;
}

export interface CertificateSelector {
  hostNamePattern?: string | undefined;
  /** https, ssh, or empty / * for both. */
  certType?: string | undefined;
  certSubType?: string | undefined;
}

/** A certificate to save, as `argocd cert add-tls|add-ssh` sends it. */
export interface CertificateRequest {
  serverName: string;
  certType: string;
  /** SSH: the key type; ignored for TLS. */
  certSubType?: string | undefined;
  /** SSH: the base64 key; TLS: one or more PEM certificates. */
  certData: string;
}

/** The two ConfigMaps' contents: argocd-ssh-known-hosts-cm ssh_known_hosts and argocd-tls-certs-cm data. */
export interface CertificateStoreData {
  knownHosts: string | undefined;
  tlsCerts: Record<string, string>;
}

export const KNOWN_HOSTS_CONFIG_MAP = 'argocd-ssh-known-hosts-cm';
export const KNOWN_HOSTS_KEY = 'ssh_known_hosts';
export const TLS_CERTS_CONFIG_MAP = 'argocd-tls-certs-cm';
