import { Inject, Injectable } from '@nestjs/common';
import { KERNEL_CONFIG } from '../../config/config.module';
import { type KernelConfig } from '../../config/config.schema';
import { type ClusterConnection } from '../../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../../kube/control-plane-token';
import { KubeHttp, KubeHttpError } from '../../kube/kube-http';
import { secretValues } from '../../kube/secret-values';

export const ARGOCD_SECRET = 'argocd-secret';

interface SecretObject {
  metadata?: { name?: string; resourceVersion?: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/**
 * argocd-secret of the control-plane namespace: password hashes, mtimes, token
 * lists and the server's signing key. Reads are reused for a second (every API
 * request verifies a token against it); this process's own writes are seen at
 * once, other writers' within that second.
 */
@Injectable()
export class ArgocdSecretStore {
  private readonly http: KubeHttp;
  private cached: { at: number; values: Promise<Record<string, string>> } | undefined;
  ttlMs = 1_000;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) cluster: ClusterConnection,
    @Inject(KERNEL_CONFIG) private readonly config: KernelConfig,
  ) {
    this.http = new KubeHttp(cluster.kubeConfig, 15_000);
  }

  values(): Promise<Record<string, string>> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.values;
    const values = this.read(ARGOCD_SECRET);
    this.cached = { at: Date.now(), values };
    values.catch(() => (this.cached = undefined));
    return values;
  }

  /** Sets (string) or removes (null) keys; creates the Secret when it is missing. */
  async update(changes: Readonly<Record<string, string | null>>): Promise<void> {
    this.cached = undefined;
    const data = Object.fromEntries(
      Object.entries(changes).map(([key, value]) => [
        key,
        value === null ? null : Buffer.from(value).toString('base64'),
      ]),
    );
    try {
      await this.http.sendJson('PATCH', this.path(ARGOCD_SECRET), { data }, 'application/merge-patch+json');
    } catch (error) {
      if (!(error instanceof KubeHttpError) || error.status !== 404) throw error;
      await this.create(ARGOCD_SECRET, changes, { 'app.kubernetes.io/part-of': 'argocd' });
    }
  }

  /** Reads any Secret of the namespace as strings; empty when missing. */
  async read(name: string): Promise<Record<string, string>> {
    try {
      return secretValues(await this.http.getJson<SecretObject>(this.path(name)));
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 404) return {};
      throw error;
    }
  }

  /** Creates a Secret; false when one of that name exists already. */
  async create(
    name: string,
    values: Readonly<Record<string, string | null>>,
    labels: Record<string, string> = {},
  ): Promise<boolean> {
    const stringData = Object.fromEntries(
      Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== null),
    );
    try {
      await this.http.sendJson('POST', `/api/v1/namespaces/${this.config.namespace}/secrets`, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, namespace: this.config.namespace, labels },
        type: 'Opaque',
        stringData,
      });
      return true;
    } catch (error) {
      if (error instanceof KubeHttpError && error.status === 409) return false;
      throw error;
    }
  }

  private path(name: string): string {
    return `/api/v1/namespaces/${this.config.namespace}/secrets/${encodeURIComponent(name)}`;
  }
}
