import { CoreV1Api } from '@kubernetes/client-node';
import { Inject, Injectable } from '@nestjs/common';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { kubeStatusCode } from './api-status';
import { type ClusterConnection } from './cluster-connection';
import { CONTROL_PLANE_CLUSTER } from './control-plane-token';

/**
 * The argocd-* settings ConfigMaps of the control-plane namespace
 * (argocd-cm, argocd-cmd-params-cm, argocd-ssh-known-hosts-cm, …), read
 * through a short cache so hot paths do not ask the API server each time. A
 * missing ConfigMap reads as empty, as Argo CD treats it.
 */
@Injectable()
export class SettingsConfigMaps {
  private readonly api: CoreV1Api;
  private readonly cached = new Map<string, { at: number; data: Promise<Record<string, string>> }>();
  /** How long a read is reused. */
  ttlMs = 5_000;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {
    this.api = cluster.kubeConfig.makeApiClient(CoreV1Api);
  }

  data(name: string): Promise<Record<string, string>> {
    const hit = this.cached.get(name);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.data;
    const data = this.read(name);
    this.cached.set(name, { at: Date.now(), data });
    data.catch(() => this.cached.delete(name));
    return data;
  }

  private async read(name: string): Promise<Record<string, string>> {
    try {
      const configMap = await this.api.readNamespacedConfigMap({ name, namespace: this.config.namespace });
      return configMap.data ?? {};
    } catch (error) {
      if (kubeStatusCode(error) === 404) return {};
      throw error;
    }
  }
}
