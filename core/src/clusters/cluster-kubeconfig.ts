// A destination cluster → the KubeConfig the controller talks to it with.
// The in-cluster destination uses the control-plane connection (Argo CD uses
// its own service account there); others use the Secret's ClusterConfig:
// bearer token, basic auth, TLS client certificates, a custom CA, an exec
// credential plugin and a proxy. Credentials stay inside the KubeConfig.
import { KubeConfig } from '@kubernetes/client-node';
import { IN_CLUSTER_SERVER, type ClusterDefinition } from './cluster-config';

export class ClusterConfigError extends Error {}

export function kubeConfigForCluster(cluster: ClusterDefinition, controlPlane: KubeConfig): KubeConfig {
  if (cluster.server === IN_CLUSTER_SERVER && cluster.source === '') return controlPlane;
  const { config } = cluster;
  if (config.awsAuthConfig)
    throw new ClusterConfigError(
      `cluster ${cluster.name} uses awsAuthConfig, which Driftless does not support — use execProviderConfig with "aws eks get-token" instead`,
    );
  const tls = config.tlsClientConfig ?? {};
  const kubeConfig = new KubeConfig();
  const decode = (value: string | undefined) => (value ? Buffer.from(value, 'base64').toString('utf8') : undefined);
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'destination',
        server: cluster.server,
        skipTLSVerify: Boolean(tls.insecure),
        ...(tls.caData ? { caData: tls.caData } : {}),
        ...(tls.serverName ? { tlsServerName: tls.serverName } : {}),
        ...(config.proxyUrl ? { proxyUrl: config.proxyUrl } : {}),
      },
    ],
    users: [
      {
        name: 'driftless',
        ...(config.bearerToken ? { token: config.bearerToken } : {}),
        ...(config.username ? { username: config.username, password: config.password ?? '' } : {}),
        ...(tls.certData ? { certData: tls.certData } : {}),
        ...(tls.keyData ? { keyData: tls.keyData } : {}),
        ...(config.execProviderConfig
          ? {
              exec: {
                command: config.execProviderConfig.command,
                args: config.execProviderConfig.args ?? [],
                env: Object.entries(config.execProviderConfig.env ?? {}).map(([name, value]) => ({ name, value })),
                apiVersion: config.execProviderConfig.apiVersion ?? 'client.authentication.k8s.io/v1beta1',
              },
            }
          : {}),
      },
    ],
    contexts: [{ name: 'destination', cluster: 'destination', user: 'driftless' }],
    currentContext: 'destination',
  });
  // PEM in ClusterConfig is base64 of the PEM text, as kubeconfig's *-data fields: checked here so a
  // wrong value fails with the cluster's name instead of deep inside a TLS handshake.
  for (const [field, value] of [
    ['caData', tls.caData],
    ['certData', tls.certData],
    ['keyData', tls.keyData],
  ] as const) {
    if (value && !decode(value)?.includes('-----BEGIN'))
      throw new ClusterConfigError(
        `cluster ${cluster.name}: tlsClientConfig.${field} is not base64 of a PEM block — encode the PEM file with base64`,
      );
  }
  return kubeConfig;
}
