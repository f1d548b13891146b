// Local mode: with no KUBECONFIG and no in-cluster credentials, Driftless
// starts an embedded Kubernetes API in this process, keeps its state in the
// data directory, installs the CRDs and its namespace, and runs against it.
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { startKubeSim } from '@driftless/kube-sim';
import { crdManifests } from '@driftless/schema';
import { type KernelConfig } from '../config/config.schema';
import { describeConnection } from '../kube/cluster-connection';
import { applyObjects, ensureNamespace } from '../kube/ensure-resources';
import { type ControlPlane } from './control-plane';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'driftless');
}

export async function startLocalControlPlane(config: KernelConfig): Promise<ControlPlane> {
  const dataDir = config.dataDir ?? defaultDataDir();
  const clusterDir = join(dataDir, 'cluster');
  await mkdir(clusterDir, { recursive: true });
  const sim = await startKubeSim({ clusters: 1, dataDir: clusterDir });
  try {
    const kubeconfigPath = join(dataDir, 'kubeconfig');
    await sim.writeKubeconfig(kubeconfigPath);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfigYaml());
    await applyObjects(kubeConfig, crdManifests());
    await ensureNamespace(kubeConfig, config.namespace);
    const connection = describeConnection(kubeConfig, 'embedded');
    return {
      connection,
      describe: (version) => [
        `local mode: embedded Kubernetes ${version} at ${connection.server}, state in ${clusterDir}`,
        `use it with kubectl: export KUBECONFIG=${kubeconfigPath}`,
      ],
      stop: () => sim.stop(),
    };
  } catch (error) {
    await sim.stop();
    throw error;
  }
}
