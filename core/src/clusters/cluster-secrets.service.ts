import { CoreV1Api } from '@kubernetes/client-node';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { type ClusterConnection } from '../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../kube/kube.module';
import { parseClusterSecrets, type ParsedClusters } from './cluster-secret';

/**
 * Reads the destination clusters from cluster Secrets in the control-plane
 * namespace (plus the in-cluster destination). The watch-based cluster
 * registry of the controller replaces this per-request read when it lands.
 */
@Injectable()
export class ClusterSecrets {
  private readonly logger = new Logger(ClusterSecrets.name);
  private readonly api: CoreV1Api;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {
    this.api = cluster.kubeConfig.makeApiClient(CoreV1Api);
  }

  async read(): Promise<ParsedClusters> {
    const list = await this.api.listNamespacedSecret({
      namespace: this.config.namespace,
      labelSelector: 'argocd.argoproj.io/secret-type=cluster',
    });
    const parsed = parseClusterSecrets(list.items);
    for (const problem of parsed.problems) this.logger.warn(problem);
    return parsed;
  }
}
