// Repository and credential-template mutations: the Secrets Argo CD writes
// (repository-secret-spec.ts), authorized as Argo CD's repository API does
// (repositories, create|update|delete, [<project>/]<url>) against the stored
// Secret, a Git or Helm repository read with the new credentials before it is
// saved (under the server's egress policy). Answers never carry a credential.
import { Inject, Injectable } from '@nestjs/common';
import { type V1Secret } from '@kubernetes/client-node';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { forbidden } from '../../auth/graphql/auth-errors';
import { type Principal } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { SettingsConfigMaps } from '../../kube/settings-config-maps.service';
import { guardedLookup } from '../../rbac';
import { parseRepositorySecrets, SECRET_TYPE_LABEL } from '../credentials/repository-secret';
import { repositorySecret, type RepositorySecretInput, type SecretKind } from '../credentials/repository-secret-spec';
import { egressPolicy } from '../egress';
import { checkRepositoryAccess } from './repository-access-check';
import { RepositoryInputProblem } from './repository-input';
import { matchingSecrets, sameSecretData } from './repository-match';
import { repositoryRbacObject, toRepositoryModel } from './repository-view';
import { type RepositoryModel } from './repository.model';
import { ControlPlaneSecrets } from './control-plane-secrets.service';
import { secretValues } from '../../kube/secret-values';

/** A request naming a repository the caller may see but that does not exist. */
export class RepositoryNotFound extends Error {
  constructor(kind: SecretKind, url: string) {
    super(`${kind === 'repository' ? 'repository' : 'credential template'} ${url} not found`);
    this.name = 'RepositoryNotFound';
  }
}

const storedObject = (secret: V1Secret): string => {
  const values = secretValues(secret);
  return repositoryRbacObject({ url: values.url ?? '', project: values.project });
};

@Injectable()
export class RepositoryWrites {
  constructor(
    private readonly secrets: ControlPlaneSecrets,
    private readonly rbac: RbacAuthorizer,
    private readonly configMaps: SettingsConfigMaps,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
    @Inject(CONTROL_PLANE_CLUSTER) private readonly cluster: ClusterConnection,
  ) {}

  /** Argo CD's CreateRepository / CreateRepositoryCredentials: an equal Secret is left as it is; a different one needs upsert. */
  async create(
    principal: Principal,
    kind: SecretKind,
    input: RepositorySecretInput,
    upsert: boolean,
  ): Promise<RepositoryModel> {
    const can = await this.rbac.checker(principal);
    if (!(await can('create', 'repositories', repositoryRbacObject(input)))) throw forbidden();
    const desired = repositorySecret(kind, this.secrets.namespace, input);
    const [existing] = matchingSecrets(await this.stored(kind), kind, input.url, input.project ?? '');
    if (existing) {
      if (sameSecretData(existing, desired.stringData)) return this.model(existing);
      if (!upsert)
        throw new RepositoryInputProblem(
          `${describe(kind)} ${input.url} exists with different settings — use upsert to replace it`,
        );
      if (!(await can('update', 'repositories', storedObject(existing)))) throw forbidden();
    }
    if (kind === 'repository') await this.checkAccess(input);
    return this.model(await this.write(existing, desired));
  }

  /** Argo CD's UpdateRepository: the stored one is replaced (repositories, update on the stored and the new object). */
  async update(principal: Principal, kind: SecretKind, input: RepositorySecretInput): Promise<RepositoryModel> {
    const existing = await this.authorized(principal, 'update', kind, input.url, input.project ?? '');
    if (!(await this.rbac.can(principal, 'update', 'repositories', repositoryRbacObject(input)))) throw forbidden();
    if (kind === 'repository') await this.checkAccess(input);
    return this.model(await this.write(existing, repositorySecret(kind, this.secrets.namespace, input)));
  }

  async delete(principal: Principal, kind: SecretKind, url: string, project: string | undefined): Promise<void> {
    const existing = await this.authorized(principal, 'delete', kind, url, project);
    await this.secrets.delete(existing.metadata?.name ?? '');
  }

  /** The stored Secret `action` applies to; missing and forbidden answer alike (guarded-lookup.ts). */
  private async authorized(
    principal: Principal,
    action: string,
    kind: SecretKind,
    url: string,
    project: string | undefined,
  ): Promise<V1Secret> {
    const can = await this.rbac.checker(principal);
    const result = await guardedLookup({
      requestedObject: repositoryRbacObject({ url, project }),
      fetch: async () => {
        const matches = matchingSecrets(await this.stored(kind), kind, url, project);
        if (matches.length > 1)
          throw new RepositoryInputProblem(`${matches.length} repositories have URL ${url} — name the project`);
        return matches[0];
      },
      objectOf: storedObject,
      can: (object) => can(action, 'repositories', object),
    });
    if (result.outcome === 'allowed') return result.value;
    if (result.outcome === 'not-found') throw new RepositoryNotFound(kind, url);
    throw forbidden();
  }

  private stored(kind: SecretKind): Promise<V1Secret[]> {
    return this.secrets.list(`${SECRET_TYPE_LABEL}=${kind}`);
  }

  /** Creates the Secret, or replaces `existing` under its own name (a hand-written one keeps its name and labels). */
  private write(existing: V1Secret | undefined, desired: ReturnType<typeof repositorySecret>): Promise<V1Secret> {
    if (!existing) return this.secrets.create(desired);
    const name = existing.metadata?.name ?? desired.metadata.name;
    return this.secrets.replace(name, {
      ...desired,
      metadata: {
        ...desired.metadata,
        name,
        labels: { ...existing.metadata?.labels, ...desired.metadata.labels },
        annotations: { ...existing.metadata?.annotations, ...desired.metadata.annotations },
        resourceVersion: existing.metadata?.resourceVersion ?? '',
      },
    });
  }

  private async checkAccess(input: RepositorySecretInput): Promise<void> {
    const [knownHosts, tlsCerts] = await Promise.all([
      this.configMaps.data('argocd-ssh-known-hosts-cm'),
      this.configMaps.data('argocd-tls-certs-cm'),
    ]);
    const hosts = knownHosts['ssh_known_hosts'];
    await checkRepositoryAccess(input, {
      // file:// repositories: on in local mode (your own disk), off elsewhere unless set (as manifest generation).
      allowFileUrls: this.config.repo.allowFileUrls ?? this.cluster.source === 'embedded',
      egress: { policy: egressPolicy(this.config.repo.egress) },
      ...(hosts ? { knownHosts: hosts } : {}),
      tlsCerts,
    });
  }

  private model(secret: V1Secret): RepositoryModel {
    const parsed = parseRepositorySecrets([
      { ...secret, metadata: { ...secret.metadata, namespace: this.secrets.namespace } },
    ]);
    const config = parsed.repositories[0] ?? parsed.templates[0];
    if (!config)
      throw new RepositoryInputProblem(`the saved Secret ${secret.metadata?.name ?? ''} cannot be read back`);
    return toRepositoryModel(config);
  }
}

const describe = (kind: SecretKind): string => (kind === 'repository' ? 'repository' : 'credential template');
