import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type KubeConfig } from '@kubernetes/client-node';
import { KERNEL_CONFIG } from '../config/config.module';
import { type KernelConfig } from '../config/config.schema';
import { type ClusterConnection } from '../kube/cluster-connection';
import { CONTROL_PLANE_CLUSTER } from '../kube/control-plane-token';
import { KubeHttp } from '../kube/kube-http';
import { ListWatch } from '../kube/list-watch';
import { type ClusterDefinition } from './cluster-config';
import { kubeConfigForCluster } from './cluster-kubeconfig';
import { parseClusterSecrets, type ClusterSecretLike } from './cluster-secret';

type Listener = (clusters: readonly ClusterDefinition[]) => void;

/**
 * The destination clusters the controller knows, kept current by a watch on
 * cluster Secrets in the control-plane namespace (plus the in-cluster
 * destination). Listeners hear every change; KubeConfigs are built once per
 * version of a cluster's Secret.
 */
@Injectable()
export class ClusterRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger(ClusterRegistry.name);
  private readonly secrets = new Map<string, ClusterSecretLike>();
  private clusters: ClusterDefinition[] = parseClusterSecrets([]).clusters;
  private readonly listeners = new Set<Listener>();
  private readonly kubeConfigs = new WeakMap<ClusterDefinition, KubeConfig>();
  private readonly watch: ListWatch<ClusterSecretLike & { metadata?: { uid?: string } }>;
  private started: Promise<void> | undefined;

  constructor(
    @Inject(CONTROL_PLANE_CLUSTER) private readonly controlPlane: ClusterConnection,
    @Inject(KERNEL_CONFIG) config: KernelConfig,
  ) {
    this.watch = new ListWatch(
      new KubeHttp(controlPlane.kubeConfig),
      `/api/v1/namespaces/${config.namespace}/secrets`,
      {
        replace: (items) => {
          this.secrets.clear();
          for (const item of items) this.secrets.set(item.metadata?.name ?? '', item);
          this.rebuild();
        },
        event: (type, item) => {
          if (type === 'DELETED') this.secrets.delete(item.metadata?.name ?? '');
          else this.secrets.set(item.metadata?.name ?? '', item);
          this.rebuild();
        },
        failed: (error) => this.logger.warn(`watching cluster Secrets: ${error.message}`),
      },
      { query: { labelSelector: 'argocd.argoproj.io/secret-type=cluster' } },
    );
  }

  /** Resolves after the first list of cluster Secrets. */
  start(): Promise<void> {
    if (!this.started) {
      const started = this.watch.start();
      this.started = started;
      // Tried again on the next call (the namespace may not exist yet).
      started.catch(() => {
        if (this.started === started) this.started = undefined;
      });
    }
    return this.started;
  }

  list(): readonly ClusterDefinition[] {
    return this.clusters;
  }

  kubeConfig(cluster: ClusterDefinition): KubeConfig {
    let kubeConfig = this.kubeConfigs.get(cluster);
    if (!kubeConfig) {
      kubeConfig = kubeConfigForCluster(cluster, this.controlPlane.kubeConfig);
      this.kubeConfigs.set(cluster, kubeConfig);
    }
    return kubeConfig;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onApplicationShutdown(): void {
    this.watch.stop();
  }

  private rebuild(): void {
    const parsed = parseClusterSecrets([...this.secrets.values()]);
    for (const problem of parsed.problems) this.logger.warn(problem);
    // Keep the same object for an unchanged cluster, so its KubeConfig and clients are reused.
    const previous = new Map(this.clusters.map((cluster) => [JSON.stringify(cluster), cluster]));
    this.clusters = parsed.clusters.map((cluster) => previous.get(JSON.stringify(cluster)) ?? cluster);
    for (const listener of this.listeners) listener(this.clusters);
  }
}
