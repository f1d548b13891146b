import { CustomObjectsApi } from '@kubernetes/client-node';
import { Inject, Injectable } from '@nestjs/common';
import { type Application } from '@driftless/schema';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { kubeStatusCode } from '../kube/api-status';
import { type ClusterConnection } from '../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../kube/kube.module';

const applications = { group: 'argoproj.io', version: 'v1alpha1', plural: 'applications' } as const;

/**
 * Reads Applications from the control-plane namespace. Listing goes to the
 * Kubernetes API on every call; the controller's watch-based cache replaces
 * this when it lands (ARCHITECTURE.md).
 */
@Injectable()
export class ApplicationReader {
  private readonly api: CustomObjectsApi;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {
    this.api = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  }

  /** All Applications, ordered by name. */
  async list(): Promise<Application[]> {
    const result = (await this.api.listNamespacedCustomObject({
      ...applications,
      namespace: this.config.namespace,
    })) as { items: Application[] };
    return result.items.sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  }

  async get(name: string): Promise<Application | undefined> {
    try {
      return (await this.api.getNamespacedCustomObject({
        ...applications,
        namespace: this.config.namespace,
        name,
      })) as Application;
    } catch (error) {
      if (kubeStatusCode(error) === 404) return undefined;
      throw error;
    }
  }
}
