import { Injectable } from '@nestjs/common';
import { SettingsConfigMaps } from '../kube/settings-config-maps.service';
import { resolveRepository, type ResolvedRepository } from './credentials/resolve-credentials';
import { type ParsedRepositorySecrets } from './credentials/repository-secret';
import { RepositorySecrets } from './repository-secrets.service';

/** Everything needed to reach one repository URL; credential values stay in the kernel. */
export interface RepoAccess {
  url: string;
  credentials: ResolvedRepository;
  /** argocd-ssh-known-hosts-cm `ssh_known_hosts`. */
  knownHosts?: string;
  /** argocd-tls-certs-cm: server name → PEM CA bundle. */
  tlsCerts: Record<string, string>;
}

/**
 * Resolves repository URLs to their credentials and trust settings, as Argo
 * CD does: the repository Secret, else the longest-prefix repo-creds template;
 * known hosts and CA certificates from their ConfigMaps. Secret reads are
 * reused for a few seconds so a burst of renders costs one list.
 */
@Injectable()
export class RepoAccessResolver {
  private secrets: { at: number; parsed: Promise<ParsedRepositorySecrets> } | undefined;
  ttlMs = 5_000;

  constructor(
    private readonly repositorySecrets: RepositorySecrets,
    private readonly configMaps: SettingsConfigMaps,
  ) {}

  /** `project`: the Application's; a repository Secret scoped to another project is not used. */
  async resolve(url: string, project?: string): Promise<RepoAccess> {
    const [parsed, knownHosts, tlsCerts] = await Promise.all([
      this.parsedSecrets(),
      this.configMaps.data('argocd-ssh-known-hosts-cm'),
      this.configMaps.data('argocd-tls-certs-cm'),
    ]);
    const knownHostsText = knownHosts['ssh_known_hosts'];
    return {
      url,
      credentials: resolveRepository(url, parsed.repositories, parsed.templates, project),
      ...(knownHostsText ? { knownHosts: knownHostsText } : {}),
      tlsCerts,
    };
  }

  private parsedSecrets(): Promise<ParsedRepositorySecrets> {
    if (!this.secrets || Date.now() - this.secrets.at > this.ttlMs) {
      const parsed = this.repositorySecrets.read();
      this.secrets = { at: Date.now(), parsed };
      parsed.catch(() => (this.secrets = undefined));
    }
    return this.secrets.parsed;
  }
}
