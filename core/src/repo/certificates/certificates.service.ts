// Argo CD's certificate API (server/certificate): list (certificates, get),
// create (certificates, create) and delete (certificates, delete), all on the
// object "" as Argo CD enforces them, over the two ConfigMaps of the
// control-plane namespace.
import { Inject, Injectable } from '@nestjs/common';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { forbidden } from '../../auth/graphql/auth-errors';
import { type Principal } from '../../auth/principal';
import { RbacAuthorizer } from '../../auth/rbac/rbac-authorizer.service';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { CertificateConfigMaps } from './certificate-config-maps';
import {
  type CertificateRequest,
  type CertificateSelector,
  type RepositoryCertificate,
} from './repository-certificate';

@Injectable()
export class RepositoryCertificates {
  private readonly configMaps: CertificateConfigMaps;

  constructor(
    private readonly rbac: RbacAuthorizer,
    @Inject(KERNEL_CONFIG) config: KernelConfig,
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
  ) {
    this.configMaps = new CertificateConfigMaps(cluster.kubeConfig, config.namespace);
  }

  async list(principal: Principal, selector: CertificateSelector): Promise<RepositoryCertificate[]> {
    await this.authorize(principal, 'get');
    return this.configMaps.list(selector);
  }

  async create(
    principal: Principal,
    requests: CertificateRequest[],
    upsert: boolean,
  ): Promise<RepositoryCertificate[]> {
    await this.authorize(principal, 'create');
    return this.configMaps.add(requests, upsert);
  }

  async delete(principal: Principal, selector: CertificateSelector): Promise<RepositoryCertificate[]> {
    await this.authorize(principal, 'delete');
    return this.configMaps.remove(selector);
  }

  private async authorize(principal: Principal, action: string): Promise<void> {
    if (!(await this.rbac.can(principal, action, 'certificates', ''))) throw forbidden();
  }
}
