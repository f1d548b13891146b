// Which Kubernetes API the kernel talks to for its own state (Applications,
// settings, Secrets): KUBECONFIG when set, in-cluster credentials when running
// in a pod. Local mode (an embedded cluster) is decided by the caller.
import { existsSync } from 'node:fs';
import { KubeConfig, VersionApi } from '@kubernetes/client-node';
import { DependencyUnreachableError, describeNetworkError } from '../common/dependency-errors';
import { withTimeout } from '../common/with-timeout';
import { ConfigError } from '../config/config.schema';

export interface ClusterConnection {
  kubeConfig: KubeConfig;
  /** Where the connection came from, for the start-up banner. */
  source: 'kubeconfig' | 'in-cluster' | 'embedded';
  server: string;
  context: string;
}

export class NoClusterConfiguredError extends Error {
  constructor() {
    super('no Kubernetes cluster configured: KUBECONFIG is not set and this is not a pod — set KUBECONFIG');
    this.name = 'NoClusterConfiguredError';
  }
}

export function isInCluster(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.KUBERNETES_SERVICE_HOST) && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token');
}

/** Loads a kubeconfig file (and an optional context) or in-cluster credentials. */
export function loadClusterConnection(
  kubeconfigPath: string | undefined,
  context: string | undefined,
): ClusterConnection {
  const kubeConfig = new KubeConfig();
  let source: ClusterConnection['source'];
  if (kubeconfigPath) {
    if (!existsSync(kubeconfigPath)) {
      throw new ConfigError([
        `KUBECONFIG points at ${kubeconfigPath}, which does not exist — fix KUBECONFIG or unset it`,
      ]);
    }
    try {
      kubeConfig.loadFromFile(kubeconfigPath);
    } catch (error) {
      throw new ConfigError([
        `cannot read kubeconfig ${kubeconfigPath}: ${describeNetworkError(error)} — fix the file or KUBECONFIG`,
      ]);
    }
    source = 'kubeconfig';
  } else if (isInCluster()) {
    kubeConfig.loadFromCluster();
    source = 'in-cluster';
  } else {
    throw new NoClusterConfiguredError();
  }
  if (context) {
    if (!kubeConfig.getContextObject(context)) {
      const known = kubeConfig.getContexts().map((known) => known.name);
      throw new ConfigError([
        `kubeconfig has no context "${context}" — fix KUBE_CONTEXT or use one of: ${known.join(', ')}`,
      ]);
    }
    kubeConfig.setCurrentContext(context);
  }
  return describeConnection(kubeConfig, source);
}

export function describeConnection(kubeConfig: KubeConfig, source: ClusterConnection['source']): ClusterConnection {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) {
    throw new DependencyUnreachableError(
      `kubeconfig context "${kubeConfig.getCurrentContext()}" names no cluster server — fix the kubeconfig`,
    );
  }
  return { kubeConfig, source, server, context: kubeConfig.getCurrentContext() };
}

/** Asks the API server for its version; any failure becomes one clear line. */
export async function assertKubernetesReachable(connection: ClusterConnection, timeoutMs = 4000): Promise<string> {
  try {
    const info = await withTimeout(connection.kubeConfig.makeApiClient(VersionApi).getCode(), timeoutMs);
    return info.gitVersion;
  } catch (error) {
    throw new DependencyUnreachableError(
      `cannot reach Kubernetes at ${connection.server} (context ${connection.context}): ${describeNetworkError(error)} — start the cluster, or set KUBECONFIG to one that answers`,
    );
  }
}
