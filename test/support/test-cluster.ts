// An embedded Kubernetes API for tests: one kube-sim cluster and a
// ClusterConnection to it, as the kernel would load from a kubeconfig.
import { KubeConfig } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim } from '@driftless/kube-sim';
import { describeConnection, type ClusterConnection } from '../../core/src/kube/cluster-connection';

export interface TestCluster {
  sim: KubeSim;
  connection: ClusterConnection;
  stop(): Promise<void>;
}

export async function startTestCluster(): Promise<TestCluster> {
  const sim = await startKubeSim({ clusters: 1 });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sim.kubeconfigYaml());
  return { sim, connection: describeConnection(kubeConfig, 'kubeconfig'), stop: () => sim.stop() };
}
