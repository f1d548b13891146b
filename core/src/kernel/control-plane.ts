// The cluster that holds Driftless's own state (Applications, settings,
// Secrets): KUBECONFIG, in-cluster credentials, or — with neither — an
// embedded cluster started in this process (local mode).
import { type KernelConfig } from '../config/config.schema';
import { isInCluster, loadClusterConnection, type ClusterConnection } from '../kube/cluster-connection';
import { startLocalControlPlane } from './local-control-plane';

export interface ControlPlane {
  connection: ClusterConnection;
  /** Lines for the start-up banner: which cluster, and how to point kubectl at it. */
  describe(kubernetesVersion: string): string[];
  /** Stops what this process started for the control plane (an embedded cluster). */
  stop(): Promise<void>;
}

export async function resolveControlPlane(config: KernelConfig): Promise<ControlPlane> {
  if (config.kubeconfigPath || isInCluster()) {
    const connection = loadClusterConnection(config.kubeconfigPath, config.kubeContext);
    return {
      connection,
      describe: (version) => [
        connection.source === 'in-cluster'
          ? `Kubernetes ${version} at ${connection.server} (in-cluster service account)`
          : `Kubernetes ${version} at ${connection.server} (context ${connection.context} of ${config.kubeconfigPath ?? ''})`,
      ],
      stop: () => Promise.resolve(),
    };
  }
  return startLocalControlPlane(config);
}
