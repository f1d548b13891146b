import { CoreV1Api } from '@kubernetes/client-node';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { type ClusterConnection } from '../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../kube/kube.module';
import {
  parseRepositorySecrets,
  SECRET_TYPE_LABEL,
  type ParsedRepositorySecrets,
} from './credentials/repository-secret';

/**
 * Reads repository and repo-creds Secrets from the control-plane namespace.
 * A Secret that cannot be used is logged (name and field, never a value) and
 * skipped.
 */
@Injectable()
export class RepositorySecrets {
  private readonly logger = new Logger(RepositorySecrets.name);
  private readonly api: CoreV1Api;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {
    this.api = cluster.kubeConfig.makeApiClient(CoreV1Api);
  }

  async read(): Promise<ParsedRepositorySecrets> {
    const list = await this.api.listNamespacedSecret({
      namespace: this.config.namespace,
      labelSelector: `${SECRET_TYPE_LABEL} in (repository,repo-creds)`,
    });
    const parsed = parseRepositorySecrets(list.items);
    for (const problem of parsed.problems) this.logger.warn(problem);
    return parsed;
  }
}
