// Secrets of the control-plane namespace for the API's repository and
// cluster mutations (raw JSON). Writes replace guarded by the resourceVersion
// the decision was made on; a lost race surfaces as SecretConflict.
import { Inject, Injectable } from '@nestjs/common';
import { type V1Secret } from '@kubernetes/client-node';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { KubeHttp, KubeHttpError, type KubeList } from '../../kube/kube-http';

/** Who wrote, in managedFields: Argo CD's API server's name. */
const WRITER = { fieldManager: 'argocd-server' } as const;

/** The Secret changed, or appeared, while the request was decided. */
export class SecretConflict extends Error {
  constructor() {
    super('the Secret changed while the request was decided; try again');
    this.name = 'SecretConflict';
  }
}

/** Kubernetes refused the write; only the status is kept (its message may quote the Secret's data). */
export class SecretWriteRefused extends Error {
  constructor(readonly status: number) {
    super(`the Kubernetes API refused to write the Secret (HTTP ${status})`);
    this.name = 'SecretWriteRefused';
  }
}

@Injectable()
export class ControlPlaneSecrets {
  private readonly http: KubeHttp;
  private readonly collection: string;
  readonly namespace: string;

  constructor(@Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection, @Inject(KERNEL_CONFIG) config: KernelConfig) {
    this.http = new KubeHttp(cluster.kubeConfig, 30_000);
    this.namespace = config.namespace;
    this.collection = `/api/v1/namespaces/${encodeURIComponent(config.namespace)}/secrets`;
  }

  async list(labelSelector: string): Promise<V1Secret[]> {
    return (await this.http.getJson<KubeList<V1Secret>>(this.collection, { labelSelector })).items ?? [];
  }

  async create(secret: object): Promise<V1Secret> {
    return this.write(() => this.http.sendJson<V1Secret>('POST', this.collection, secret, 'application/json', WRITER));
  }

  /** Replaces the Secret, which must still have the resourceVersion `secret` carries. */
  async replace(name: string, secret: object): Promise<V1Secret> {
    return this.write(() => this.http.sendJson<V1Secret>('PUT', this.path(name), secret, 'application/json', WRITER));
  }

  async delete(name: string): Promise<void> {
    await this.write(() => this.http.sendJson('DELETE', this.path(name), {}));
  }

  private async write<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof KubeHttpError)) throw error;
      if (error.status === 409 || error.status === 404) throw new SecretConflict();
      throw new SecretWriteRefused(error.status);
    }
  }

  private path(name: string): string {
    return `${this.collection}/${encodeURIComponent(name)}`;
  }
}
