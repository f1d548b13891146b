// Destination clusters as Argo CD declares them: the in-cluster destination,
// plus Secrets labelled argocd.argoproj.io/secret-type: cluster.

/** `config` of a cluster Secret (JSON), Argo CD's ClusterConfig. */
export interface ClusterConnectionConfig {
  username?: string;
  password?: string;
  bearerToken?: string;
  tlsClientConfig?: { insecure?: boolean; serverName?: string; certData?: string; keyData?: string; caData?: string };
  execProviderConfig?: {
    command: string;
    args?: string[];
    env?: Record<string, string>;
    apiVersion?: string;
    installHint?: string;
  };
  awsAuthConfig?: { clusterName?: string; roleARN?: string; profile?: string };
  disableCompression?: boolean;
  proxyUrl?: string;
}

export interface ClusterDefinition {
  name: string;
  server: string;
  /** Namespaces Argo CD may manage; empty = all. */
  namespaces: string[];
  clusterResources: boolean;
  project: string | undefined;
  /** Argo CD's `shard`: the controller replica (by index) that must own this cluster. */
  shard?: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  config: ClusterConnectionConfig;
  /** namespace/name of the Secret, or "" for the in-cluster destination. */
  source: string;
}

export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
export const IN_CLUSTER_NAME = 'in-cluster';
