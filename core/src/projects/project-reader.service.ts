import { CustomObjectsApi } from '@kubernetes/client-node';
import { Inject, Injectable } from '@nestjs/common';
import { type AppProject } from '@driftless/schema';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { type ClusterConnection } from '../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../kube/kube.module';

/** Reads AppProjects from the control-plane namespace (the controller's cache replaces this when it lands). */
@Injectable()
export class ProjectReader {
  private readonly api: CustomObjectsApi;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {
    this.api = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  }

  async list(): Promise<AppProject[]> {
    const result = (await this.api.listNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'appprojects',
      namespace: this.config.namespace,
    })) as { items: AppProject[] };
    return result.items.sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  }
}
